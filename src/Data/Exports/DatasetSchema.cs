using LeveragedTokens.Protocol;

namespace LeveragedTokens.Data.Exports;

/// <param name="Sql">The expression that yields the column as text; null for the explorer URL, which depends on options.</param>
public sealed record SchemaColumn(ExportColumn Column, string? Sql);

/// <summary>
/// One dataset's fixed columns (schema version <see cref="ExportSchemas.Version"/>) and the SQL
/// that yields each of them as text. Columns are only ever appended, never renamed or reordered.
/// </summary>
/// <param name="contractColumn">The row's emitting contract, an address of <paramref name="contractTable"/>.</param>
public sealed class DatasetSchema(ExportDataset dataset, string fileStem, string alias, string from, string contractTable, string contractColumn)
{
    private readonly List<SchemaColumn> _columns = [];

    public ExportDataset Dataset { get; } = dataset;
    public string FileStem { get; } = fileStem;
    public string Alias { get; } = alias;
    /// <summary>FROM clause with joins; the engine adds indexer_state as st.</summary>
    public string From { get; } = from;
    /// <summary>Where the contracts that emit the dataset's logs are registered: tokens or reserve_pools.</summary>
    public string ContractTable { get; } = contractTable;
    /// <summary>The column of the dataset's table that names the emitting contract: token_address or pool_address.</summary>
    public string ContractColumn { get; } = contractColumn;
    public IReadOnlyList<SchemaColumn> SchemaColumns => _columns;
    public IReadOnlyList<ExportColumn> Columns => [.. _columns.Select(c => c.Column)];
    public int IndexOf(string name) => _columns.FindIndex(c => c.Column.Name == name);

    public DatasetSchema Add(string name, ColumnKind kind, string? sql, int scale = 0)
    {
        _columns.Add(new SchemaColumn(new ExportColumn(name, kind, scale), sql));
        return this;
    }

    /// <summary>
    /// An exact integer column and its twin "{name}_decimal" = integer / 10^scale. Multiplying a
    /// numeric(78,0) by 1e-scale is exact in Postgres (the result carries exactly `scale` places);
    /// trim_scale drops the trailing zeros.
    /// </summary>
    public DatasetSchema AddAmount(string name, string sql, int scale = Wad.Decimals) =>
        Add(name, ColumnKind.Integer, sql + "::text")
            .Add(name + "_decimal", ColumnKind.Decimal, $"trim_scale({sql} * 0.{new string('0', scale - 1)}1)::text", scale);
}
