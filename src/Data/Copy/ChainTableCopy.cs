using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Metadata;
using NpgsqlTypes;

namespace LeveragedTokens.Data.Copy;

/// <summary>The statements that COPY rows into one chain table: straight in, or staged in a temp twin and merged.</summary>
public abstract class ChainTableCopy
{
    public abstract string Table { get; }

    /// <summary>Every column of the table, in the order the rows are written.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    private string StagingTable => "tmp_" + Table;
    private string ColumnList => string.Join(", ", Columns);

    public string CopyStatement(bool staged) => $"COPY {(staged ? StagingTable : Table)} ({ColumnList}) FROM STDIN (FORMAT BINARY)";

    public string CreateStagingStatement => $"CREATE TEMP TABLE IF NOT EXISTS {StagingTable} (LIKE {Table}) ON COMMIT DROP";

    /// <summary>Moves the staged rows in, skipping those that already exist.</summary>
    public string MergeStagedStatement => $"INSERT INTO {Table} ({ColumnList}) SELECT {ColumnList} FROM {StagingTable} ON CONFLICT DO NOTHING";
}

/// <summary>
/// The binary COPY of one chain table, derived once from the EF model: the table name, every mapped
/// column (names, store types and value converters as EF has them) and one compiled, typed writer per
/// column. Nothing is looked up per row, and a column added to the model is copied without another edit.
/// Rows are written synchronously: values land in Npgsql's buffer, and an await per value cost more than the
/// rare flush it would spare.
/// </summary>
public sealed class ChainTableCopy<T> : ChainTableCopy where T : ChainLogRow
{
    private delegate void ColumnWriter(NpgsqlBinaryImporter importer, T row);

    // Integers up to 96 bits are exact as decimal, which Npgsql turns into numeric digits without the
    // BigInteger divisions (and their allocations) it needs for wider values: most uint256 amounts fit.
    private static readonly BigInteger DecimalMax = new(decimal.MaxValue);

    private readonly ColumnWriter[] _writers;

    public ChainTableCopy(IModel model)
    {
        var entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        Table = entity.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var table = StoreObjectIdentifier.Table(Table, entity.GetSchema());
        var properties = entity.GetProperties().ToArray();
        Columns = properties.Select(p => p.GetColumnName(table) ?? throw new InvalidOperationException($"{p.Name} has no column.")).ToArray();
        _writers = properties.Select(WriterFor).ToArray();
    }

    public override string Table { get; }

    /// <summary>Every column of the table, in the order <see cref="WriteRow"/> writes them.</summary>
    public override IReadOnlyList<string> Columns { get; }

    public void WriteRow(NpgsqlBinaryImporter importer, T row)
    {
        importer.StartRow();
        foreach (var write in _writers) write(importer, row);
    }

    private static ColumnWriter WriterFor(IProperty property)
    {
        if (property.PropertyInfo is not { } info)
            throw new NotSupportedException($"{typeof(T).Name}.{property.Name}: shadow properties cannot be copied from a row.");
        var row = Expression.Parameter(typeof(T), "row");
        Expression value = Expression.Property(row, info);
        if (property.GetTypeMapping().Converter is { } converter)
            value = Expression.Invoke(converter.ConvertToProviderExpression, value);
        var type = DbTypeOf(property.GetRelationalTypeMapping().StoreType, property);
        if (type == NpgsqlDbType.Numeric && (Nullable.GetUnderlyingType(value.Type) ?? value.Type) == typeof(BigInteger))
            return NumericWriter(Expression.Lambda<Func<T, BigInteger?>>(Expression.Convert(value, typeof(BigInteger?)), row).Compile());
        var getter = Expression.Lambda(value, row).Compile();
        return (ColumnWriter)Typed.MakeGenericMethod(value.Type).Invoke(null, [getter, type])!;
    }

    private static readonly MethodInfo Typed = typeof(ChainTableCopy<T>).GetMethod(nameof(TypedWriter), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static ColumnWriter TypedWriter<TValue>(Func<T, TValue> get, NpgsqlDbType type) => (importer, row) =>
    {
        if (get(row) is { } value) importer.Write(value, type);
        else importer.WriteNull();
    };

    private static ColumnWriter NumericWriter(Func<T, BigInteger?> get) => (importer, row) =>
    {
        if (get(row) is not { } value) importer.WriteNull();
        else if (value <= DecimalMax && value >= -DecimalMax) importer.Write((decimal)value, NpgsqlDbType.Numeric);
        else importer.Write(value, NpgsqlDbType.Numeric);
    };

    /// <summary>The Npgsql type of a store type as EF declares it ("numeric(78,0)", "character varying(66)", "text[]").</summary>
    private static NpgsqlDbType DbTypeOf(string storeType, IProperty property)
    {
        var isArray = storeType.EndsWith("[]", StringComparison.Ordinal);
        var name = storeType.TrimEnd('[', ']');
        var facets = name.IndexOf('(');
        if (facets >= 0) name = name[..facets];
        var type = name.Trim() switch
        {
            "bigint" => NpgsqlDbType.Bigint,
            "integer" => NpgsqlDbType.Integer,
            "smallint" => NpgsqlDbType.Smallint,
            "boolean" => NpgsqlDbType.Boolean,
            "text" => NpgsqlDbType.Text,
            "character varying" => NpgsqlDbType.Varchar,
            "timestamp with time zone" => NpgsqlDbType.TimestampTz,
            "numeric" => NpgsqlDbType.Numeric,
            _ => throw new NotSupportedException($"{typeof(T).Name}.{property.Name}: no COPY type for '{storeType}'."),
        };
        return isArray ? NpgsqlDbType.Array | type : type;
    }
}
