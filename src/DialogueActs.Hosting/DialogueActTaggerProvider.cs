using DialogueActs.Inference;
using DialogueActs.Modeling;
using Microsoft.Extensions.Logging;

namespace DialogueActs.Hosting;

/// <summary>
/// Loads the model once and shares the thread-safe tagger. Options validation loads it at start-up,
/// so a missing or corrupt file fails the host before it serves; later calls return the same tagger.
/// Native memory is tuned for serving (<see cref="AllocatorProfile.Serving"/>) just before the model is loaded, unless
/// <see cref="DialogueActsOptions.TuneNativeMemory"/> is false: the option is where a hosted tagger asks for it.
/// The resources of the model's features (a sentence encoder, say) come from the <see cref="IFeatureResourceProvider"/>s
/// registered in the container.
/// </summary>
internal sealed class DialogueActTaggerProvider : IDisposable
{
    private readonly object _lock = new();
    private readonly ILogger<DialogueActTaggerProvider> _logger;
    private readonly IFeatureResourceProvider[] _resourceProviders;
    private DialogueActTagger? _tagger;
    private bool _handedOut;
    private bool _disposed;

    public DialogueActTaggerProvider(ILogger<DialogueActTaggerProvider> logger, IEnumerable<IFeatureResourceProvider> resourceProviders)
    {
        _logger = logger;
        _resourceProviders = resourceProviders.ToArray();
    }

    /// <summary>Loads the model on the first call; later calls return the loaded tagger.</summary>
    /// <exception cref="DialogueActsException">The model file is missing, corrupt, truncated or of another format version.</exception>
    public DialogueActTagger Load(DialogueActsOptions options)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_tagger is not null) return _tagger;
            if (options.TuneNativeMemory) NativeMemory.Tune(AllocatorProfile.Serving);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            _tagger = DialogueActTagger.Load(options.ModelPath, options.ToTaggerOptions() with { ResourceProviders = _resourceProviders });
            Log.ModelLoaded(_logger, options.ModelPath, clock.Elapsed.TotalMilliseconds, _tagger.Labels.Count, _tagger.Metadata.EpochsCompleted,
                _tagger.Metadata.TrainUtterances, NativeMemory.Applied ?? "not tuned");
            return _tagger;
        }
    }

    /// <summary>
    /// Returns the tagger for the dependency-injection container, which then owns (and disposes) it.
    /// </summary>
    public DialogueActTagger HandOut(DialogueActsOptions options)
    {
        lock (_lock)
        {
            var tagger = Load(options);
            _handedOut = true;
            return tagger;
        }
    }

    /// <summary>Disposes a tagger that was loaded (e.g. by validation) but never handed to the container.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            if (!_handedOut) _tagger?.Dispose();
        }
    }
}
