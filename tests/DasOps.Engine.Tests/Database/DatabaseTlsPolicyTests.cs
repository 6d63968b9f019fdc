using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DasOps.Engine.Database;
using DasOps.Engine.Spec;
using MySqlConnector;
using Xunit;

namespace DasOps.Engine.Tests.Database;

/// <summary>
/// TLS through a forward: the client connects to 127.0.0.1, so verify-full checks the chain against the spec's CA and
/// the certificate against the spec's database host itself (certificates made here, signed by a CA made here).
/// </summary>
public class DatabaseTlsPolicyTests
{
    [Theory]
    [InlineData(DatabaseTls.None, false, MySqlSslMode.None)]
    [InlineData(DatabaseTls.Preferred, true, MySqlSslMode.Preferred)]
    [InlineData(DatabaseTls.Required, true, MySqlSslMode.Required)]
    [InlineData(DatabaseTls.VerifyCa, true, MySqlSslMode.VerifyCA)]
    [InlineData(DatabaseTls.VerifyFull, false, MySqlSslMode.VerifyFull)]
    [InlineData(DatabaseTls.VerifyFull, true, MySqlSslMode.Required)]
    public void Each_spec_mode_maps_to_an_ssl_mode(DatabaseTls tls, bool throughForward, MySqlSslMode expected)
    {
        Assert.Equal(expected, DatabaseTlsPolicy.SslModeFor(tls, throughForward));
    }

    private static X509Certificate2 Authority(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 Server(X509Certificate2 authority, string commonName, Action<SubjectAlternativeNameBuilder>? names)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (names != null)
        {
            var san = new SubjectAlternativeNameBuilder();
            names(san);
            request.CertificateExtensions.Add(san.Build());
        }
        return request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), new byte[] { 1, 2, 3, 4 });
    }

    [Fact]
    public void Names_are_matched_against_dns_and_ip_alternative_names_then_the_common_name()
    {
        using var ca = Authority("lab CA");
        using var withSan = Server(ca, "ignored", b => { b.AddDnsName("db.example.com"); b.AddDnsName("*.db.example.com"); b.AddIpAddress(IPAddress.Parse("10.77.0.10")); });
        Assert.True(DatabaseTlsPolicy.NameMatches(withSan, "db.example.com"));
        Assert.True(DatabaseTlsPolicy.NameMatches(withSan, "DB.example.com"));
        Assert.True(DatabaseTlsPolicy.NameMatches(withSan, "a.db.example.com"));
        Assert.False(DatabaseTlsPolicy.NameMatches(withSan, "a.b.db.example.com"));
        Assert.True(DatabaseTlsPolicy.NameMatches(withSan, "10.77.0.10"));
        Assert.False(DatabaseTlsPolicy.NameMatches(withSan, "10.77.0.11"));
        Assert.False(DatabaseTlsPolicy.NameMatches(withSan, "ignored"));
        using var cnOnly = Server(ca, "legacy.example.com", null);
        Assert.True(DatabaseTlsPolicy.NameMatches(cnOnly, "legacy.example.com"));
        Assert.False(DatabaseTlsPolicy.NameMatches(cnOnly, "other.example.com"));
    }

    [Fact]
    public void Verify_full_through_a_forward_needs_the_spec_ca_and_the_spec_host()
    {
        using var ca = Authority("lab CA");
        using var stranger = Authority("another CA");
        var caFile = Path.GetTempFileName();
        try
        {
            File.WriteAllText(caFile, "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(ca.RawData, Base64FormattingOptions.InsertLineBreaks) + "\n-----END CERTIFICATE-----\n");
            var verify = DatabaseTlsPolicy.VerifyFullThroughForward("10.77.0.10", caFile);
            // The name error is what the connection to 127.0.0.1 reports; the policy checks the real host instead.
            const SslPolicyErrors nameAndChain = SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors;
            using var good = Server(ca, "db", b => b.AddIpAddress(IPAddress.Parse("10.77.0.10")));
            using var otherHost = Server(ca, "db", b => b.AddIpAddress(IPAddress.Parse("10.77.0.99")));
            using var foreign = Server(stranger, "db", b => b.AddIpAddress(IPAddress.Parse("10.77.0.10")));
            Assert.True(verify(this, good, null, nameAndChain));
            Assert.False(verify(this, otherHost, null, nameAndChain));
            Assert.False(verify(this, foreign, null, nameAndChain));
        }
        finally
        {
            File.Delete(caFile);
        }
    }
}
