// The POM of build-integration.md and testing.md generated the page's mse.calc and ran the test with Surefire 3
// (Maven 3.8's default Surefire, 2.12.4, would have run no test and passed).
assert new File(basedir, 'target/generated-sources/chainrule/demo/regression/Mse.java').isFile()
def log = new File(basedir, 'build.log').text
assert log =~ /--- (maven-)?surefire(-plugin)?:3\.5\.2:test/ // Maven 3.8 logs the artifactId, 3.9 the prefix
def report = new File(basedir, 'target/surefire-reports/TEST-demo.regression.MseGradientTest.xml').text
assert (report =~ /tests="(\d+)"/)[0][1] as int == 10
assert report.contains('failures="0"') && report.contains('errors="0"') && report.contains('skipped="0"')
return true
