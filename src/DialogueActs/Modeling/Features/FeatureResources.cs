namespace DialogueActs.Modeling;

/// <summary>
/// The outside resources of a model's features (<see cref="ModelFeature.Resources"/>), resolved once per model: each
/// request served by an object the caller gives, else by the first provider that creates one. Resources created here
/// are disposed with this object; given ones are not.
/// </summary>
public sealed class FeatureResources : IDisposable
{
    private readonly Dictionary<(string Feature, string Kind), (ResourceRequest Request, object Resource)> _resources;
    private readonly List<IDisposable> _owned;

    private FeatureResources(Dictionary<(string Feature, string Kind), (ResourceRequest Request, object Resource)> resources, List<IDisposable> owned)
    {
        _resources = resources;
        _owned = owned;
    }

    /// <summary>No resources: for models whose features need none.</summary>
    public static FeatureResources None => new([], []);

    /// <summary>Every resolved request.</summary>
    public IReadOnlyList<ResourceRequest> Requests => _resources.Values.Select(r => r.Request).ToArray();

    /// <summary>The resolved resources, for example to give them to a tagger over the same model (<c>TaggerOptions.Resources</c>).</summary>
    public IReadOnlyList<object> Values => _resources.Values.Select(r => r.Resource).Distinct().ToArray();

    /// <summary>
    /// Serves every request of <paramref name="features"/>: from <paramref name="given"/> (the first object the feature
    /// accepts), else from <paramref name="providers"/> (the first that creates one, which must then fit).
    /// </summary>
    /// <param name="features">The model's features.</param>
    /// <param name="given">Resources the caller made (not disposed here), or null.</param>
    /// <param name="providers">Providers to create the others, or null.</param>
    /// <param name="wrap">Applied to each resource before use (for example an on-disk cache in front of an encoder), or null.</param>
    /// <exception cref="DialogueActsException">A request that nothing serves: the message names the feature, the resource and where to get it, or why the one given does not fit.</exception>
    public static FeatureResources Resolve(FeatureSet features, IEnumerable<object>? given, IEnumerable<IFeatureResourceProvider>? providers,
        Func<object, object>? wrap = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        var candidates = given?.ToArray() ?? [];
        var makers = providers?.ToArray() ?? [];
        var resources = new Dictionary<(string Feature, string Kind), (ResourceRequest Request, object Resource)>();
        var owned = new List<IDisposable>();
        var created = new List<object>();                                                                // made by providers: later requests that they fit share them
        var wrappers = new Dictionary<object, object>(ReferenceEqualityComparer.Instance);
        try
        {
            foreach (var feature in features.All)
                foreach (var request in feature.Resources)
                {
                    var resource = FromGiven(feature, request, candidates) ?? created.FirstOrDefault(c => feature.Fit(request, c).IsFit);
                    if (resource is null)
                    {
                        resource = FromProviders(feature, request, makers, owned);
                        created.Add(resource);
                    }
                    if (wrap is not null)
                    {
                        if (!wrappers.TryGetValue(resource, out var wrapped))
                        {
                            wrappers[resource] = wrapped = wrap(resource);
                            if (!ReferenceEquals(wrapped, resource) && wrapped is IDisposable disposable) owned.Add(disposable);
                        }
                        resource = wrapped;
                    }
                    resources[(request.Feature, request.Kind)] = (request, resource);
                }
        }
        catch
        {
            foreach (var resource in owned) resource.Dispose();
            throw;
        }
        return new FeatureResources(resources, owned);
    }

    /// <summary>
    /// The resource serving <paramref name="request"/>: the one resolved for the same feature and kind (a feature bound
    /// after resolving asks by the exact name it learned, and gets the resource it learned it from).
    /// </summary>
    /// <exception cref="InvalidOperationException">No request of that feature and kind was resolved here, or its resource is not a <typeparamref name="T"/>.</exception>
    public T Get<T>(ResourceRequest request) where T : class =>
        _resources.TryGetValue((request.Feature, request.Kind), out var resolved) && resolved.Resource is var resource
            ? resource as T ?? throw new InvalidOperationException($"The resource for {request.Kind} '{request.Name}' is a {resource.GetType().Name}, not a {typeof(T).Name}.")
            : throw new InvalidOperationException($"No resource was resolved for {request.Kind} '{request.Name}' of the {request.Feature} feature.");

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var resource in _owned) resource.Dispose();
        _owned.Clear();
    }

    private static object? FromGiven(ModelFeature feature, ResourceRequest request, object[] candidates)
    {
        string? problem = null;
        foreach (var candidate in candidates)
        {
            var fit = feature.Fit(request, candidate);
            if (fit.IsFit) return candidate;
            if (fit.SameKind) problem ??= fit.Problem;
        }
        if (problem is not null) throw new DialogueActsException($"the model's {request.Feature} feature needs the {request.Kind} '{request.Name}': {problem}");
        return null;
    }

    private static object FromProviders(ModelFeature feature, ResourceRequest request, IFeatureResourceProvider[] providers, List<IDisposable> owned)
    {
        foreach (var provider in providers)
        {
            if (provider.Create(request) is not { } resource) continue;
            if (resource is IDisposable disposable) owned.Add(disposable);
            var fit = feature.Fit(request, resource);
            if (!fit.IsFit)
                throw new DialogueActsException($"the model's {request.Feature} feature needs the {request.Kind} '{request.Name}': {fit.Problem ?? $"the provider gave a {resource.GetType().Name}"}");
            return resource;
        }
        throw new MissingResourceException(request, $"the model's {request.Feature} feature needs the {request.Kind} '{request.Name}', and none was given ({request.Hint})");
    }
}
