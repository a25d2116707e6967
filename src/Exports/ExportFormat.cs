namespace LeveragedTokens.Exports;

public enum ExportFormat { Csv, JsonLines, Xlsx }
