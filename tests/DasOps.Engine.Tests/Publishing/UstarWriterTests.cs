using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using DasOps.Engine.Publishing;
using Xunit;

namespace DasOps.Engine.Tests.Publishing;

/// <summary>GNU tar, not our reader, decides whether the archive is right.</summary>
public class UstarWriterTests
{
    [Fact]
    public void GNU_tar_unpacks_every_file_byte_for_byte_including_long_and_unicode_names()
    {
        var longDir = string.Join("/", Enumerable.Range(0, 12).Select(i => "directory" + i));
        var files = new Dictionary<string, byte[]>
        {
            ["repository/conf/.master-datasources.xml.dasops-new"] = System.Text.Encoding.UTF8.GetBytes("<password>p&lt;&amp;\"'$;</password>\n"),
            ["empty.txt"] = Array.Empty<byte>(),
            ["exactly-one-block.bin"] = Enumerable.Repeat((byte)7, 512).ToArray(),
            [longDir + "/a-file-name-that-is-fairly-long-as-well.conf"] = Enumerable.Range(0, 100_000).Select(i => (byte)(i % 256)).ToArray(),
            ["unicodé/ファイル.xml"] = new byte[] { 1, 2, 3 },
        };
        var tar = UstarWriter.Create(files, new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc));
        Assert.Equal(0, tar.Length % 512);

        var dir = Path.Combine(Path.GetTempPath(), "dasops-tar-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var psi = new ProcessStartInfo("tar", new[] { "-x", "-f", "-", "-C", dir }) { RedirectStandardInput = true, RedirectStandardError = true };
            using (var tarProcess = Process.Start(psi)!)
            {
                tarProcess.StandardInput.BaseStream.Write(tar);
                tarProcess.StandardInput.Close();
                var error = tarProcess.StandardError.ReadToEnd();
                tarProcess.WaitForExit();
                Assert.True(tarProcess.ExitCode == 0, error);
            }
            foreach (var (name, bytes) in files) Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(dir, name)));
            Assert.Equal(files.Count, Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Length);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Absolute_and_unsplittable_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => UstarWriter.Create(new Dictionary<string, byte[]> { ["/etc/passwd"] = new byte[1] }, DateTime.UtcNow));
        Assert.Throws<ArgumentException>(() => UstarWriter.Create(new Dictionary<string, byte[]> { [new string('x', 101)] = new byte[1] }, DateTime.UtcNow));
    }
}
