namespace DialogueActs.Modeling;

/// <summary>
/// An outside resource a feature needs to prepare its data (<see cref="ModelFeature.Resources"/>): a pretrained sentence
/// encoder, say. Hosts and the trainer resolve each request from the objects they are given or from
/// <see cref="IFeatureResourceProvider"/>s (<see cref="FeatureResources.Resolve"/>).
/// </summary>
/// <param name="Feature">The name of the feature that asks (<see cref="ModelFeature.Name"/>).</param>
/// <param name="Kind">What sort of resource, for providers to recognise (for example <c>sentence-encoder</c>).</param>
/// <param name="Name">Which one: a config's name for it at training time, the exact id a trained model needs afterwards.</param>
/// <param name="Hint">Where a user gets it, for the error when nothing provides it.</param>
/// <param name="OptionKey">The key of the config's <c>model</c> section that names it, or null (for errors that point at the config).</param>
public sealed record ResourceRequest(string Feature, string Kind, string Name, string Hint, string? OptionKey = null);

/// <summary>Whether an object can serve a <see cref="ResourceRequest"/> (<see cref="ModelFeature.Fit"/>).</summary>
/// <param name="SameKind">The object is the kind of resource asked for.</param>
/// <param name="Problem">Null when it fits; otherwise why this one cannot serve (another id, another size).</param>
public readonly record struct ResourceFit(bool SameKind, string? Problem)
{
    /// <summary>The object serves the request.</summary>
    public static ResourceFit Fits => new(true, null);

    /// <summary>The object is another kind of resource.</summary>
    public static ResourceFit OtherKind => new(false, null);

    /// <summary>The object is the right kind of resource but not the one needed, because of <paramref name="problem"/>.</summary>
    public static ResourceFit Mismatch(string problem) => new(true, problem);

    /// <summary>True when the object serves the request.</summary>
    public bool IsFit => SameKind && Problem is null;
}

/// <summary>
/// Creates the resources a feature asks for (<see cref="ResourceRequest"/>): a package that ships a pretrained encoder
/// offers one, and hosts and the trainer ask each provider in turn.
/// </summary>
public interface IFeatureResourceProvider
{
    /// <summary>
    /// A new resource for <paramref name="request"/>, or null when this provider does not offer it. The caller disposes a
    /// disposable result when done with it.
    /// </summary>
    /// <exception cref="DialogueActsException">The provider offers this kind of resource, but cannot create it.</exception>
    object? Create(ResourceRequest request);
}
