using DialogueActs.Text;

namespace DialogueActs.Training;

/// <summary>Changes a training batch before the optimiser step (data augmentation); validation never sees it.</summary>
internal interface IBatchTransform
{
    /// <summary>The transformed batch; <paramref name="random"/> is the epoch's seeded generator, so a resumed run draws the same.</summary>
    EncodedConversation[] Apply(EncodedConversation[] batch, Random random);
}
