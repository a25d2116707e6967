namespace LeveragedTokens.Exports.Schema;

/// <summary>Where an output column's value comes from.</summary>
internal enum ColumnSource { Sql, ScaledSql, ExplorerUrl }

/// <param name="SqlIndex">The SQL column read (for ScaledSql: the integer twin; for ExplorerUrl: the tx hash).</param>
internal sealed record ColumnPlan(ExportColumn Column, ColumnSource Source, int SqlIndex);

/// <summary>
/// One dataset's fixed columns (schema version <see cref="ExportSchemas.Version"/>) and the SQL
/// that feeds them. Columns are only ever appended, never renamed or reordered.
/// </summary>
internal sealed class DatasetSchema
{
    private readonly List<ColumnPlan> _plan = [];
    private readonly List<string> _sql = [];

    public DatasetSchema(ExportDataset dataset, string fileStem, string alias, string from)
    {
        Dataset = dataset;
        FileStem = fileStem;
        Alias = alias;
        From = from;
    }

    public ExportDataset Dataset { get; }
    public string FileStem { get; }
    public string Alias { get; }
    /// <summary>FROM clause with joins; the indexer_state join is aliased s.</summary>
    public string From { get; }
    public IReadOnlyList<ColumnPlan> Plan => _plan;
    public IReadOnlyList<string> SqlColumns => _sql;
    public IReadOnlyList<ExportColumn> Columns => [.. _plan.Select(p => p.Column)];
    public int SqlIndexOf(string sqlColumnName) => _plan.First(p => p.Column.Name == sqlColumnName && p.Source == ColumnSource.Sql).SqlIndex;

    public DatasetSchema Add(string name, ColumnKind kind, string sqlExpression)
    {
        _plan.Add(new ColumnPlan(new ExportColumn(name, kind), ColumnSource.Sql, _sql.Count));
        _sql.Add(sqlExpression);
        return this;
    }

    /// <summary>An exact integer column and its scaled decimal twin "{name}_decimal".</summary>
    public DatasetSchema AddAmount(string name, string sqlExpression, int scale = WadDecimal.WadScale)
    {
        var index = _sql.Count;
        Add(name, ColumnKind.Integer, sqlExpression + "::text");
        _plan.Add(new ColumnPlan(new ExportColumn(name + "_decimal", ColumnKind.Decimal, scale), ColumnSource.ScaledSql, index));
        return this;
    }

    public DatasetSchema AddExplorerUrl(string txHashColumn)
    {
        _plan.Add(new ColumnPlan(new ExportColumn("explorer_url", ColumnKind.Text), ColumnSource.ExplorerUrl, SqlIndexOf(txHashColumn)));
        return this;
    }
}
