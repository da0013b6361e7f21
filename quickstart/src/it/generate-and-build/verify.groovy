// The generated project built with the pinned plugins, passed its tests, and its main trains.

// What was generated is what the README tells users to generate (invoker.properties runs this command).
def command = "mvn archetype:generate -DarchetypeGroupId=dev.chainrule -DarchetypeArtifactId=chainrule-quickstart" +
        " -DarchetypeVersion=${chainruleVersion} -DgroupId=com.example -DartifactId=logistic -DinteractiveMode=false"
assert new File(readme).readLines().any { it.trim() == command }, "README.md must show: ${command}"

def project = new File(basedir, 'logistic')
assert new File(project, 'src/main/calculus/logistic.calc').text.startsWith('package com.example;')
assert new File(project, 'target/generated-sources/chainrule/com/example/LogisticLoss.java').isFile()

// Maven 3.8 names a plugin by its artifactId in the log, 3.9 by its prefix: "--- resources:3.3.1:resources".
def log = new File(basedir, 'build.log').text
[resources: '3.3.1', compiler: '3.13.0', surefire: '3.5.2', jar: '3.4.2', chainrule: chainruleVersion].each { name, version ->
    assert log =~ /--- (maven-${name}-plugin|${name}-maven-plugin|${name}):${java.util.regex.Pattern.quote(version)}:/,
            "the build ran no ${name} plugin ${version}"
}

def report = new File(project, 'target/surefire-reports/TEST-com.example.LogisticLossTest.xml').text
def tests = (report =~ /tests="(\d+)"/)[0][1] as int
assert tests == 21, "expected the 20 gradient checks and the training test, ran ${tests}"
assert report.contains('failures="0"') && report.contains('errors="0"') && report.contains('skipped="0"')

// java -cp target/classes com.example.Train: the loss printed every 20 steps falls.
def java = new File(System.getProperty('java.home'), 'bin/java').path
def process = new ProcessBuilder(java, '-cp', new File(project, 'target/classes').path, 'com.example.Train')
        .redirectErrorStream(true).start()
def output = process.inputStream.text
assert process.waitFor() == 0, output
def losses = (output =~ /step +\d+ +loss (\S+)/).collect { it[1] as double }
assert losses.size() == 11, output
(1..<losses.size()).each { assert losses[it] < losses[it - 1], output }
assert output.contains('accuracy on the training data'), output
return true
