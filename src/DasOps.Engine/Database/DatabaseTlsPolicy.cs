using System;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using DasOps.Engine.Spec;
using MySqlConnector;

namespace DasOps.Engine.Database;

/// <summary>
/// The spec's tls setting as MySqlConnector options. Through a forward the client connects to 127.0.0.1, so
/// MySqlConnector's own verify-full would check the certificate against that name: there DasOps asks for TLS
/// (Required) and checks the chain and the spec's database host itself.
/// </summary>
internal static class DatabaseTlsPolicy
{
    public static MySqlSslMode SslModeFor(DatabaseTls tls, bool throughForward) => tls switch
    {
        DatabaseTls.None => MySqlSslMode.None,
        DatabaseTls.Required => MySqlSslMode.Required,
        DatabaseTls.VerifyCa => MySqlSslMode.VerifyCA,
        DatabaseTls.VerifyFull => throughForward ? MySqlSslMode.Required : MySqlSslMode.VerifyFull,
        _ => MySqlSslMode.Preferred,
    };

    public static RemoteCertificateValidationCallback VerifyFullThroughForward(string host, string? caFile)
    {
        var authorities = caFile != null ? ReadCertificates(caFile) : null;
        return (_, certificate, chain, errors) =>
        {
            if (certificate == null) return false;
            var server = new X509Certificate2(certificate);
            return ChainIsTrusted(server, errors, authorities) && NameMatches(server, host);
        };
    }

    private static X509Certificate2Collection ReadCertificates(string file)
    {
        var collection = new X509Certificate2Collection();
        var pem = System.IO.File.ReadAllText(file);
        const string begin = "-----BEGIN CERTIFICATE-----", end = "-----END CERTIFICATE-----";
        for (var at = pem.IndexOf(begin, StringComparison.Ordinal); at >= 0; at = pem.IndexOf(begin, at + 1, StringComparison.Ordinal))
        {
            var stop = pem.IndexOf(end, at, StringComparison.Ordinal);
            if (stop < 0) break;
            collection.Add(new X509Certificate2(Convert.FromBase64String(pem.Substring(at + begin.Length, stop - at - begin.Length))));
        }
        if (collection.Count == 0) throw new DatabaseException($"tlsCa {file} holds no PEM certificate.");
        return collection;
    }

    private static bool ChainIsTrusted(X509Certificate2 server, SslPolicyErrors errors, X509Certificate2Collection? authorities)
    {
        // Name errors are expected (the client connected to 127.0.0.1) and checked against the real host below.
        if (authorities == null) return (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0;
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        chain.ChainPolicy.ExtraStore.AddRange(authorities);
        if (!chain.Build(server)) return false;
        var root = chain.ChainElements[chain.ChainElements.Count - 1].Certificate;
        return authorities.Cast<X509Certificate2>().Any(a => a.Thumbprint == root.Thumbprint);
    }

    /// <summary>The host against the certificate's subjectAltName DNS names (one leading wildcard label) and IP addresses, else its CN.</summary>
    internal static bool NameMatches(X509Certificate2 certificate, string host)
    {
        var (dnsNames, addresses) = AlternativeNames(certificate);
        if (IPAddress.TryParse(host, out var ip)) return addresses.Any(a => a.Equals(ip));
        if (dnsNames.Count == 0) dnsNames.Add(certificate.GetNameInfo(X509NameType.SimpleName, false));
        return dnsNames.Any(n => DnsMatches(n, host));
    }

    private static bool DnsMatches(string pattern, string host)
    {
        if (string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase)) return true;
        if (!pattern.StartsWith("*.", StringComparison.Ordinal)) return false;
        var dot = host.IndexOf('.');
        return dot > 0 && string.Equals(pattern.Substring(1), host.Substring(dot), StringComparison.OrdinalIgnoreCase);
    }

    private static (List<string> Dns, List<IPAddress> Addresses) AlternativeNames(X509Certificate2 certificate)
    {
        var dns = new List<string>();
        var addresses = new List<IPAddress>();
        var extension = certificate.Extensions.Cast<X509Extension>().FirstOrDefault(e => e.Oid?.Value == "2.5.29.17");
        if (extension == null) return (dns, addresses);
        var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
        var dnsTag = new Asn1Tag(TagClass.ContextSpecific, 2);
        var ipTag = new Asn1Tag(TagClass.ContextSpecific, 7);
        while (names.HasData)
        {
            var tag = names.PeekTag();
            if (tag.HasSameClassAndValue(dnsTag)) dns.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, dnsTag));
            else if (tag.HasSameClassAndValue(ipTag)) addresses.Add(new IPAddress(names.ReadOctetString(ipTag)));
            else names.ReadEncodedValue();
        }
        return (dns, addresses);
    }
}
