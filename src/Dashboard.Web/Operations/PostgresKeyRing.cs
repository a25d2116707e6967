using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace LeveragedTokens.Dashboard.Web.Operations;

/// <summary>
/// The Data Protection key ring in Postgres, shared by every web instance: a page prerendered by
/// one instance starts its circuit on another (the component markers are protected), and the
/// antiforgery and staff cookies must read everywhere. Keys are XML rows; the table is created on use.
/// </summary>
public sealed class PostgresKeyRing(string connectionString) : IXmlRepository
{
    private const string Table = "ops_data_protection_keys";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var conn = Open();
        using var cmd = new NpgsqlCommand($"SELECT xml FROM {Table} ORDER BY id", conn);
        using var reader = cmd.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read()) keys.Add(XElement.Parse(reader.GetString(0)));
        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var conn = Open();
        using var cmd = new NpgsqlCommand($"INSERT INTO {Table} (name, xml) VALUES (@n, @x)", conn);
        cmd.Parameters.AddWithValue("n", friendlyName);
        cmd.Parameters.AddWithValue("x", element.ToString(SaveOptions.DisableFormatting));
        cmd.ExecuteNonQuery();
    }

    // Data Protection's repository API is synchronous; it is called rarely (start-up, key rotation).
    private NpgsqlConnection Open()
    {
        var conn = new NpgsqlConnection(connectionString);
        conn.Open();
        using var create = new NpgsqlCommand(
            $"CREATE TABLE IF NOT EXISTS {Table} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, xml text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())",
            conn);
        try
        {
            create.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // Two instances creating the table at the same moment: the other one won, which is all we need.
        }
        return conn;
    }
}
