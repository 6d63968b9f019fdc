using System.Runtime.Versioning;
using System.Text;
using System.Text.RegularExpressions;

namespace DasOps.NodeEmulator.Tests.Sp;

/// <summary>
/// The stock SP 4.4.0 bin/jartobundle.sh on a lab home: the emulator's JDK 1.8 stand-in answers its version check
/// and runs Carbon kernel 5.2.8's jar-to-bundle converter (BundleGeneratorTool / BundleGeneratorUtils).
/// </summary>
public sealed class JarToBundleTests
{
    private const string Jdk17Home = "/usr/lib/jvm/java-17-openjdk-amd64";
    private const string UtilsRecord = @"^[A-Z][a-z]{2} \d\d, \d{4} \d{1,2}:\d\d:\d\d [AP]M org\.wso2\.carbon\.tools\.converter\.utils\.BundleGeneratorUtils convertFromJarToBundle\n";

    // Long enough that "Export-Package: ..." passes 72 bytes and must be folded.
    private const string LongPackage = "org/example/text/internal/formatting/placeholders/resolution";

    [Fact]
    public void AJar_BecomesNameUnderscored_1_0_0_WithTheToolsManifest_TheJarItself_AndP2Inf()
    {
        var run = new StockJarToBundle("j2b");
        var jarPath = run.Work("libs/commons-text-util-1.9.jar");
        var jar = TestJars.Write(jarPath, "META-INF/MANIFEST.MF", $"{LongPackage}/Resolver.class", "org/example/text/Strings.class",
            $"{LongPackage}/Resolver$1.class", "org/example/text/strings.properties");
        Directory.CreateDirectory(run.Work("bundles"));

        var result = run.Run(jarPath, run.Work("bundles"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("JAVA_HOME environment variable is set to " + StockJarToBundle.StandInJavaHome + "\n", result.Stdout);
        Assert.Matches(new Regex(UtilsRecord + $"INFO: Created the OSGi bundle commons_text_util_1\\.9_1\\.0\\.0\\.jar for JAR file {Regex.Escape(jarPath)}\n$"), result.Stderr);
        var bundlePath = run.Work("bundles/commons_text_util_1.9_1.0.0.jar");
        Assert.Equal([bundlePath], Directory.GetFileSystemEntries(run.Work("bundles"))); // no temp file left behind

        var files = TestJars.Files(bundlePath);
        Assert.Equal(["META-INF/MANIFEST.MF", "META-INF/p2.inf", "commons-text-util-1.9.jar"], files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(jar, files["commons-text-util-1.9.jar"]);
        Assert.Equal("instructions.configure=markStarted(started:true);", Encoding.UTF8.GetString(files["META-INF/p2.inf"]));

        var manifest = files["META-INF/MANIFEST.MF"];
        var text = Encoding.UTF8.GetString(manifest);
        Assert.StartsWith("Manifest-Version: 1.0\r\n", text);
        Assert.EndsWith("\r\n\r\n", text);
        Assert.DoesNotMatch("[^\r]\n|\r[^\n]", text); // CRLF only
        Assert.All(text.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) + 2 <= 72, $"longer than 72 bytes: {line}"));
        Assert.Contains("\r\n ", text); // the long Export-Package was folded
        var packages = LongPackage.Replace('/', '.') + ",org.example.text";
        var expected = new Dictionary<string, string>
        {
            ["Manifest-Version"] = "1.0", ["Bundle-ManifestVersion"] = "2", ["Bundle-Name"] = "commons_text_util_1.9",
            ["Bundle-SymbolicName"] = "commons_text_util_1.9", ["Bundle-Version"] = "1.0.0", ["Export-Package"] = packages,
            ["Bundle-ClassPath"] = ".,commons-text-util-1.9.jar", ["DynamicImport-Package"] = "*",
        };
        var attributes = TestJars.MainAttributes(manifest);
        Assert.Equal(expected, attributes.ToDictionary(a => a.Key, a => a.Value));
        // JDK 8's Attributes is a HashMap: after Manifest-Version, its bucket order, not the order the tool put them in.
        Assert.Equal(["Manifest-Version", "Bundle-SymbolicName", "Export-Package", "Bundle-Name", "Bundle-Version", "Bundle-ClassPath",
            "Bundle-ManifestVersion", "DynamicImport-Package"], attributes.Select(a => a.Key));
    }

    [Fact]
    public void ASecondRun_LogsAlreadyExists_AndLeavesTheBundleUntouched()
    {
        var run = new StockJarToBundle("j2b-twice");
        var jarPath = run.Work("libs/guava-lite.jar");
        TestJars.Write(jarPath, "com/example/lite/A.class", "com/example/lite/cache/B.class");
        Directory.CreateDirectory(run.Work("out"));
        Assert.Equal(0, run.Run(jarPath, run.Work("out")).ExitCode);
        var bundlePath = run.Work("out/guava_lite_1.0.0.jar");
        var before = File.ReadAllBytes(bundlePath);
        var stamp = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(bundlePath, stamp);

        var second = run.Run(jarPath, run.Work("out"));

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Matches(new Regex(UtilsRecord + "INFO: OSGi bundle guava_lite_1\\.0\\.0\\.jar already exists in the target directory\\.\n$"), second.Stderr);
        Assert.Equal(before, File.ReadAllBytes(bundlePath));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(bundlePath));
        Assert.Single(Directory.GetFileSystemEntries(run.Work("out")));
    }

    [Fact]
    public void ADirectory_HasEachJarConverted_NotOtherFiles_NorSubdirectories()
    {
        var run = new StockJarToBundle("j2b-dir");
        TestJars.Write(run.Work("libs/a-1.jar"), "p/a/A.class");
        TestJars.Write(run.Work("libs/b.jar"), "p/b/B.class");
        TestJars.Write(run.Work("libs/nested/c.jar"), "p/c/C.class");
        File.WriteAllText(run.Work("libs/notes.txt"), "not a jar");
        File.WriteAllText(run.Work("libs/d.jar.sha1"), "0000");
        Directory.CreateDirectory(run.Work("out"));

        var result = run.Run(run.Work("libs"), run.Work("out"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["a_1_1.0.0.jar", "b_1.0.0.jar"], Directory.GetFiles(run.Work("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains($"INFO: Created the OSGi bundle a_1_1.0.0.jar for JAR file {run.Work("libs/a-1.jar")}\n", result.Stderr);
        Assert.Contains($"INFO: Created the OSGi bundle b_1.0.0.jar for JAR file {run.Work("libs/b.jar")}\n", result.Stderr);
        Assert.Equal(2, Regex.Matches(result.Stderr, "^INFO: ", RegexOptions.Multiline).Count);
        Assert.Equal("p.b", TestJars.MainAttributes(TestJars.Files(run.Work("out/b_1.0.0.jar"))["META-INF/MANIFEST.MF"]).Single(a => a.Key == "Export-Package").Value);
    }

    [Fact]
    public void RelativePaths_AreResolvedFromTheDirectoryTheScriptWasRunIn()
    {
        var run = new StockJarToBundle("j2b-rel");
        TestJars.Write(run.Work("libs/rel-lib.jar"), "r/R.class");
        Directory.CreateDirectory(run.Work("out"));

        // The script cd's into $CARBON_HOME/bin before java runs; the tool gets the old $PWD as its third argument.
        var result = run.Run("libs/rel-lib.jar", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"INFO: Created the OSGi bundle rel_lib_1.0.0.jar for JAR file {run.Work("libs/rel-lib.jar")}\n", result.Stderr);
        Assert.True(File.Exists(run.Work("out/rel_lib_1.0.0.jar")));
        Assert.False(Directory.Exists(run.Home.File("bin/out")));

        var missing = run.Run("libs/absent.jar", "out");
        Assert.Equal(0, missing.ExitCode);
        Assert.Matches(new Regex(@"org\.wso2\.carbon\.tools\.converter\.BundleGeneratorTool execute\nWARNING: Invalid file path\(s\)\n$"), missing.Stderr);
    }

    [Fact]
    public void AJdk17JavaHome_IsRefusedByTheScript_AndNothingIsWritten()
    {
        Assert.True(File.Exists(Path.Combine(Jdk17Home, "bin/java")), $"this test needs the machine's JDK 17 at {Jdk17Home}");
        var run = new StockJarToBundle("j2b-17");
        var jarPath = run.Work("libs/x.jar");
        TestJars.Write(jarPath, "x/X.class");
        Directory.CreateDirectory(run.Work("out"));

        var result = run.RunWith(Jdk17Home, run.WorkDir, jarPath, run.Work("out"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(" Starting WSO2 Carbon (in unsupported JDK)\n [ERROR] CARBON is supported only on JDK 1.8\n", result.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(run.Work("out")));
    }

    [Fact]
    [SupportedOSPlatform("linux")] // the stock script is POSIX sh; the lab is Linux only
    public void NoJavaHome_FailsTheExecutableCheckOnTheBareWordJava_BeforeTheJavaHomeMessage()
    {
        var run = new StockJarToBundle("j2b-nojh");
        var jarPath = run.Work("libs/x.jar");
        TestJars.Write(jarPath, "x/X.class");
        Directory.CreateDirectory(run.Work("out"));

        // JAVACMD=java and "[ ! -x java ]" tests a file named java in the working directory, not the PATH: it fails first.
        var result = run.RunWith(null, run.WorkDir, jarPath, run.Work("out"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: JAVA_HOME is not defined correctly.\n CARBON cannot execute java\n", result.Stdout);

        // Only with an executable ./java does the script reach its JAVA_HOME message.
        File.WriteAllText(run.Work("java"), "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(run.Work("java"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var withJavaHere = run.RunWith(null, run.WorkDir, jarPath, run.Work("out"));
        Assert.Equal(1, withJavaHere.ExitCode);
        Assert.Equal("You must set the JAVA_HOME variable before running CARBON.\n", withJavaHere.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(run.Work("out")));
    }

    [Fact]
    public void TheJarsOwnDirectoryAsTarget_LogsSevere_AndWritesNothing()
    {
        var run = new StockJarToBundle("j2b-same");
        var jarPath = run.Work("libs/same-dir.jar");
        TestJars.Write(jarPath, "s/S.class");

        var result = run.Run(jarPath, run.Work("libs"));

        Assert.True(result.ExitCode == 0, result.ToString()); // the tool only logs; the JVM exits 0
        Assert.Matches(new Regex(@"^[A-Z][a-z]{2} \d\d, \d{4} \d{1,2}:\d\d:\d\d [AP]M org\.wso2\.carbon\.tools\.converter\.BundleGeneratorTool execute\n" +
                                 @"SEVERE: An error occurred when making the JAR \(Java Archive\) to OSGi bundle conversion\n" +
                                 @"org\.wso2\.carbon\.tools\.exception\.CarbonToolException: Paths JAR file parent directory and target directory cannot be the same\.\n" +
                                 @"(\tat .+\n)+$"), result.Stderr);
        Assert.Equal([jarPath], Directory.GetFileSystemEntries(run.Work("libs")));
    }

    [Fact]
    public void TheStandIn_AnswersAsOpenJdk8_RefusesOtherClasses_AndTheToolLogsImproperUsage()
    {
        var run = new StockJarToBundle("j2b-java");

        var version = StockJarToBundle.Java("-version");
        Assert.Equal(0, version.ExitCode);
        Assert.Equal("", version.Stdout);
        Assert.Equal("openjdk version \"1.8.0_392\"\nOpenJDK Runtime Environment (build 1.8.0_392-b08)\nOpenJDK 64-Bit Server VM (build 25.392-b08, mixed mode)\n", version.Stderr);

        var other = StockJarToBundle.Java("-cp", "../bin/tools/*", "-Dwso2.carbon.tool=osgi-lib-deployer", "org.wso2.carbon.tools.CarbonToolExecutor", "a", "b");
        Assert.Equal(1, other.ExitCode);
        Assert.Equal("Error: Could not find or load main class org.wso2.carbon.tools.CarbonToolExecutor\n", other.Stderr);
        Assert.Equal(1, StockJarToBundle.Java("com.example.Main").ExitCode);

        // "jartobundle.sh x.jar" passes an empty $2: three arguments, one empty, so the tool prints its usage.
        var usage = run.Run("x.jar");
        Assert.Equal(0, usage.ExitCode);
        Assert.EndsWith("INFO: Improper usage detected. Usage: jartobundle.sh/.bat [source file/directory] [destination folder], " +
                        "both arguments source and destination are compulsory\n", usage.Stderr);
    }

    [Fact]
    public void AClassAtTheJarsRoot_KillsTheJavaTool_AsJdk8zipfsPathsDo()
    {
        var run = new StockJarToBundle("j2b-root");
        var jarPath = run.Work("libs/rooted.jar");
        TestJars.Write(jarPath, "Main.class");
        Directory.CreateDirectory(run.Work("out"));

        var result = run.Run(jarPath, run.Work("out"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Exception in thread \"main\" java.lang.StringIndexOutOfBoundsException: String index out of range: -1\n", result.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(run.Work("out")));
    }
}
