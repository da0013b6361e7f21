// This project's pom.xml and main sources are the blocks the docs mark for it: see ../extract-docs.groovy.
evaluate(new File(itDirectory, 'extract-docs.groovy'))
