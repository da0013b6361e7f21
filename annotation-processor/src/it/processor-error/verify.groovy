// The compiler reports the error at the expression's string literal (line 6, column 16), with the column
// in the expression and a caret under it.
def bad = new File(basedir, 'src/main/java/demo/Bad.java').toPath().toAbsolutePath().normalize().toString()
def log = new File(basedir, 'build.log').text
// (The message's '≠' is left out: how it prints depends on the console's encoding.)
assert log.contains('[ERROR] ' + bad + ':[6,16] cannot subtract vector[m] and vector[k]: m ') : log
assert log.contains(' (expr, column 10)')
assert log.contains('sum((X*w - y).^2)')
return true
