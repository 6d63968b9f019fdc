using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Remote;
using DasOps.Engine.Secrets;

namespace DasOps.Engine.Database;

/// <summary>
/// Runs the mysql/mariadb client where a shell points (a node over SSH, or this machine). Credentials and SQL both
/// travel on stdin: a fixed script writes the option file into a private 0600 temp dir, runs the client with
/// --defaults-extra-file as its first option (the client rejects it anywhere else), never --force, and removes the dir.
/// </summary>
public sealed class MysqlClient
{
    public const string EndOfOptions = "--DASOPS-END-OF-OPTIONS--";

    // $1 = database or empty, $2 = script file appended after stdin or empty. Nothing from the user is in the text.
    private const string ClientScript = @"set -e
umask 077
# A run killed with SIGKILL cannot remove its option file: the next run removes such leftovers of this user once
# they are an hour old (a run still going is never that old).
find ""${TMPDIR:-/tmp}"" -maxdepth 1 -name 'dasops-db.*' -user ""$(id -u)"" -mmin +60 -exec rm -rf {} + 2>/dev/null || :
dir=$(mktemp -d ""${TMPDIR:-/tmp}/dasops-db.XXXXXX"")
trap 'rm -rf ""$dir""' EXIT
trap 'exit 130' HUP INT TERM
: > ""$dir/client.cnf""
while IFS= read -r line; do
  [ ""$line"" = '" + EndOfOptions + @"' ] && break
  printf '%s\n' ""$line"" >> ""$dir/client.cnf""
done
client=$(command -v mariadb || command -v mysql) || { echo 'neither the mariadb nor the mysql client is installed' >&2; exit 127; }
set -- ""$1"" ""$2"" ""$client"" --defaults-extra-file=""$dir/client.cnf"" --batch --raw --skip-column-names
db=$1; file=$2; shift 2
if [ -n ""$db"" ]; then set -- ""$@"" --database=""$db""; fi
if [ -n ""$file"" ]; then
  [ -r ""$file"" ] || { echo ""cannot read $file"" >&2; exit 2; }
  { cat; cat ""$file""; } | ""$@""
else
  ""$@""
fi";

    private static readonly Regex ServerError = new Regex(@"ERROR (?<code>\d+) \((?<state>\w+)\)(?: at line (?<line>\d+))?: (?<message>.*)", RegexOptions.CultureInvariant);

    private readonly IRemoteShell _shell;
    private readonly string _options;
    private readonly IReadOnlyList<string> _secrets;
    private readonly TimeSpan _timeout;

    public MysqlClient(IRemoteShell shell, string host, int port, string user, string password, IEnumerable<string> secrets, TimeSpan? timeout = null)
    {
        _shell = shell;
        _options = MysqlOptionFile.Client(host, port, user, password);
        _secrets = secrets.Concat(new[] { password }).ToList();
        _timeout = timeout ?? TimeSpan.FromMinutes(2);
    }

    public string Where => _shell.Node;

    /// <summary>Runs a batch and returns its result rows (tab-separated columns).</summary>
    public async Task<IReadOnlyList<string[]>> RunAsync(SqlBatch batch, string? database, CancellationToken cancellationToken, string? appendScriptFile = null)
    {
        var (text, lines) = batch.Render();
        var input = Encoding.UTF8.GetBytes(_options + EndOfOptions + "\n" + text);
        var command = RemoteCommand.Script(ClientScript, new[] { database ?? "", appendScriptFile ?? "" }, input, _timeout,
            description: "mysql client" + (database != null ? " on " + database : ""));
        var result = await _shell.RunAsync(command, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded) throw Failure(result, lines, database, appendScriptFile);
        return result.Output.Split('\n').Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
    }

    private DatabaseException Failure(CommandResult result, List<(int Line, string Masked, string Description)> lines, string? database, string? scriptFile)
    {
        var stderr = SecretMasker.Apply(result.StandardError.Trim(), _secrets);
        if (result.Unreachable) return new DatabaseException($"{_shell.Node}: unreachable while running the mysql client: {stderr}", database);
        if (result.TimedOut) return new DatabaseException($"{_shell.Node}: the mysql client did not finish in {_timeout.TotalSeconds:0} s.", database);
        var m = ServerError.Match(stderr);
        if (!m.Success) return new DatabaseException($"{_shell.Node}: the mysql client failed (exit {result.ExitCode}): {stderr}", database);

        var code = int.Parse(m.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var where = database != null ? $"database {database}" : "the server";
        string? statement = null;
        if (m.Groups["line"].Success)
        {
            var line = int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var hit = lines.LastOrDefault(l => l.Line <= line);
            var lastLine = lines.Count == 0 ? 1 : lines[lines.Count - 1].Line + lines[lines.Count - 1].Masked.Split('\n').Length - 1;
            statement = scriptFile != null && line > lastLine
                ? $"{scriptFile} line {line - lastLine}"
                : hit.Masked != null ? $"{hit.Description}: {SecretMasker.Apply(hit.Masked, _secrets)}" : null;
        }
        var message = $"{_shell.Node}: {where}: {m.Groups["message"].Value} (MySQL error {code})" + (statement != null ? $" in {statement}" : "");
        return new DatabaseException(message, database, statement, code, accessDenied: code == 1045 || code == 1044 || code == 1698);
    }
}
