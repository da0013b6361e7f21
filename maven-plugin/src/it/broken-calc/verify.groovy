// Every error of every .calc file is on an [ERROR] line of its own, as file:line:col: message with the
// file's absolute path, which IDEs and terminals link; then the build fails.
def calc = { path -> new File(basedir, 'src/main/calculus/' + path).toPath().toAbsolutePath().normalize().toString() }
def lines = new File(basedir, 'build.log').readLines()
def errors = lines.findAll { it.startsWith('[ERROR] ' + basedir.toPath().toAbsolutePath().normalize()) }

def expected = [
    '[ERROR] ' + calc('nested/syntax.calc') + ":2:14: unexpected ')'",
    '[ERROR] ' + calc('shapes.calc') + ':4:10: cannot multiply',
    '[ERROR] ' + calc('shapes.calc') + ':8:11: cannot add',
]
assert errors.size() == 3 : errors.join('\n')
expected.eachWithIndex { prefix, i -> assert errors[i].startsWith(prefix) : errors[i] + '\nexpected: ' + prefix }
assert lines.any { it.contains('chainrule: 3 errors in 2 of 3 .calc files (listed above)') }
// The good file was generated all the same.
assert new File(basedir, 'target/generated-sources/chainrule/Quadratic.java').isFile()
return true
