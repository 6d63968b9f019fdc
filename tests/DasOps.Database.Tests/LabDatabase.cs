using System.Collections.Generic;
using System.Threading.Tasks;
using MySqlConnector;

namespace DasOps.Database.Tests;

/// <summary>Admin queries from the controller (root namespace) straight to the lab's MariaDB, independent of the code under test.</summary>
public static class LabDatabase
{
    public static async Task<string[][]> QueryAsync(string adminPassword, string sql)
    {
        var settings = new MySqlConnectionStringBuilder { Server = "10.77.0.10", Port = 3306, UserID = "dasops_admin", Password = adminPassword, Pooling = false, SslMode = MySqlSslMode.None };
        using var connection = new MySqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        using var command = new MySqlCommand(sql, connection);
        using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = System.Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            rows.Add(row);
        }
        return rows.ToArray();
    }
}
