namespace DialogueActs.Modeling;

/// <summary>A feature's resource that neither the caller nor any provider supplies (<see cref="FeatureResources.Resolve"/>).</summary>
public sealed class MissingResourceException : DialogueActsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="request">The request nothing served.</param>
    /// <param name="message">The one-line message.</param>
    public MissingResourceException(ResourceRequest request, string message) : base(message) => Request = request;

    /// <summary>The request nothing served.</summary>
    public ResourceRequest Request { get; }
}
