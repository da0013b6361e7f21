// javac ran the processor from the processor path; the generated classes were compiled and tested.
def generated = new File(basedir, 'target/generated-sources/annotations/demo')
assert new File(generated, 'ChainruleMse.java').text.contains('public final class ChainruleMse implements Mse {')
assert new File(generated, 'ChainruleQuadratic.java').text.contains('public final class ChainruleQuadratic extends Quadratic {')
def report = new File(basedir, 'target/surefire-reports/TEST-demo.ProcessorGradientTest.xml').text
assert report.contains('tests="2"') && report.contains('failures="0"') && report.contains('errors="0"')
return true
