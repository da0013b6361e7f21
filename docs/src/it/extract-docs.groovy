// Writes the files of this project (basedir) that the docs show. In docs/*.md, a line
//     <!-- docs/src/it: PROJECT/PATH -->
// followed at once by a fenced block makes the block's text the file PATH of the project src/it/PROJECT.
// Several pages may show the same file, and must then show the same text.
def marker = ~/<!-- docs\/src\/it: ([^\/\s]+)\/(\S+) -->/
def project = basedir.name
def files = [:]
new File(docsDirectory).listFiles().findAll { it.name.endsWith('.md') }.sort().each { page ->
    def lines = page.getText('UTF-8').readLines()
    lines.eachWithIndex { line, i ->
        def m = line.trim() =~ marker
        if (!m.matches() || m.group(1) != project) {
            return
        }
        def path = m.group(2)
        def where = "${page.name}:${i + 1}"
        assert i + 1 < lines.size() && lines[i + 1].startsWith('```'), "${where}: the marker of ${path} must be followed by a fenced block"
        def end = (i + 2..<lines.size()).find { lines[it] == '```' }
        assert end != null, "${where}: the block of ${path} is not closed"
        def text = lines.subList(i + 2, end).collect { it + '\n' }.join('')
        assert !files.containsKey(path) || files[path].text == text, "${where}: ${path} differs from the one in ${files[path]?.where}"
        files[path] = [text: text, where: where]
    }
}
assert files.containsKey('pom.xml'), "no page of ${docsDirectory} shows ${project}/pom.xml"
files.each { path, file ->
    def target = new File(basedir, path)
    target.parentFile.mkdirs()
    target.setText(file.text, 'UTF-8')
    println "${project}/${path}: from ${file.where}"
}
return true
