Console.WriteLine("Indexer benchmark: not yet written");
