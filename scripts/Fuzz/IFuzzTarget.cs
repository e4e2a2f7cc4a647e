namespace DialogueActs.Fuzz;

/// <summary>One parser under fuzzing: its valid seeds, how to mutate them and how to run one input.</summary>
public interface IFuzzTarget : IDisposable
{
    /// <summary>Short name used in the table, the saved inputs and <c>--only</c> (e.g. <c>csv</c>).</summary>
    string Name { get; }

    /// <summary>File extension of saved failing inputs (e.g. <c>.csv</c>).</summary>
    string Extension { get; }

    /// <summary>Makes the input of one case from the case's random generator (a mutated seed).</summary>
    FuzzInput NextInput(Random random);

    /// <summary>Runs one input through the parser and classifies the result (exceptions are classified, not thrown).</summary>
    CaseResult Run(FuzzInput input);
}

/// <summary>One generated input: its bytes and, for HTTP, how they are sent.</summary>
/// <param name="Bytes">The file or body bytes.</param>
/// <param name="Description">The mutations applied, for the failure log.</param>
/// <param name="Variant">Target-specific option (HTTP: endpoint, content type and transfer; corpus: whether labels are required).</param>
public sealed record FuzzInput(byte[] Bytes, string Description, string Variant = "");
