using LeveragedTokens.ExportVerifier;

return await VerifierCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
