namespace LeveragedTokens.Dashboard.Web.Components.Shared;

public enum AmountStyle { Value, Leverage, Bps }
