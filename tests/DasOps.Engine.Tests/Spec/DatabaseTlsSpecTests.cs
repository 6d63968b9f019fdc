using System.IO;
using System.Linq;
using DasOps.Engine.Spec;
using Xunit;

namespace DasOps.Engine.Tests.Spec;

/// <summary>database.tls and database.tlsCa: read as the spec spells them, refused at their line when wrong, and written back.</summary>
public class DatabaseTlsSpecTests
{
    private const string Nodes = "nodes:\n  - {name: n1, host: 10.0.0.11}\n  - {name: n2, host: 10.0.0.12}\n";

    private static string Yaml(string databaseLines) => "name: c\nproduct: Das\npattern: MinimumHa\ndatabase:\n  host: 10.0.0.10\n" + databaseLines + Nodes;

    [Theory]
    [InlineData("none", DatabaseTls.None)]
    [InlineData("preferred", DatabaseTls.Preferred)]
    [InlineData("required", DatabaseTls.Required)]
    [InlineData("verify-ca", DatabaseTls.VerifyCa)]
    [InlineData("Verify-Full", DatabaseTls.VerifyFull)]
    public void Each_mode_is_read(string text, DatabaseTls expected)
    {
        var errors = SpecLoader.LoadAndValidate(Yaml($"  tls: {text}\n"), "c.yaml", out var spec);
        Assert.Empty(errors);
        Assert.Equal(expected, spec!.Database.Tls);
    }

    [Fact]
    public void Without_tls_the_connection_prefers_tls_as_MySqlConnector_does()
    {
        Assert.Empty(SpecLoader.LoadAndValidate(Yaml(""), "c.yaml", out var spec));
        Assert.Equal(DatabaseTls.Preferred, spec!.Database.Tls);
        Assert.Null(spec.Database.TlsCa);
    }

    [Fact]
    public void An_unknown_mode_is_refused_at_its_line_and_column()
    {
        var error = Assert.Single(SpecLoader.LoadAndValidate(Yaml("  tls: verify_ca\n"), "c.yaml", out _));
        Assert.Equal("InvalidValue", error.Code);
        Assert.Equal(6, error.Location.Line);
        Assert.Equal(8, error.Location.Column);
        Assert.Contains("none, preferred, required, verify-ca, verify-full", error.Message);
    }

    [Fact]
    public void A_ca_without_verification_or_a_missing_ca_file_is_refused_at_the_tlsCa_line()
    {
        var unused = Assert.Single(SpecLoader.LoadAndValidate(Yaml("  tls: required\n  tlsCa: /etc/ssl/certs/ca.pem\n"), "c.yaml", out _));
        Assert.Equal("TlsCaWithoutVerification", unused.Code);
        Assert.Equal(7, unused.Location.Line);
        var missing = Assert.Single(SpecLoader.LoadAndValidate(Yaml("  tls: verify-ca\n  tlsCa: /nonexistent/ca.pem\n"), "c.yaml", out _));
        Assert.Equal("FileNotFound", missing.Code);
        Assert.Equal(7, missing.Location.Line);
    }

    [Fact]
    public void The_writer_keeps_tls_and_its_ca()
    {
        var ca = Path.GetTempFileName();
        try
        {
            Assert.Empty(SpecLoader.LoadAndValidate(Yaml($"  tls: verify-full\n  tlsCa: {ca}\n"), "c.yaml", out var spec));
            var text = SpecWriter.ToYaml(spec!);
            Assert.Contains("tls: verify-full", text);
            Assert.Empty(SpecLoader.LoadAndValidate(text, "again.yaml", out var again));
            Assert.Equal(DatabaseTls.VerifyFull, again!.Database.Tls);
            Assert.Equal(ca, again.Database.TlsCa);
        }
        finally
        {
            File.Delete(ca);
        }
    }
}
