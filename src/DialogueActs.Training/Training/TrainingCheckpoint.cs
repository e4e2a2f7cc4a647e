using System.IO.Compression;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;

namespace DialogueActs.Training;

/// <summary>
/// <c>DIR/checkpoint.zip</c>: the last completed epoch's weights, optimiser state and trainer
/// bookkeeping. Written atomically after every epoch; <c>--resume</c> reads it.
/// </summary>
internal static class TrainingCheckpoint
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static void Write(string path, TrainingState state, torch.nn.Module model, OptimizerHelper optimizer)
    {
        AtomicFile.Write(path, file =>
        {
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
            {
                using (var writer = new StreamWriter(zip.CreateEntry("state.json").Open())) writer.Write(JsonSerializer.Serialize(state, Json));
                using (var writer = new BinaryWriter(zip.CreateEntry("weights.bin", CompressionLevel.Fastest).Open())) model.save(writer);
                using (var writer = new BinaryWriter(zip.CreateEntry("optimizer.bin", CompressionLevel.Fastest).Open())) optimizer.save_state_dict(writer);
            }
        });
    }

    public static TrainingState ReadState(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            using var reader = new StreamReader(Entry(zip, path, "state.json"));
            return JsonSerializer.Deserialize<TrainingState>(reader.ReadToEnd(), Json)
                ?? throw new DialogueActsException($"{path}: state.json is empty");
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or EndOfStreamException)
        {
            throw new DialogueActsException($"{path}: the checkpoint is corrupt ({DialogueActsException.FirstLine(ex.Message)}); delete it to start over", ex);
        }
    }

    public static void Restore(string path, torch.nn.Module model, OptimizerHelper optimizer)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            model.load(new BinaryReader(Buffer(Entry(zip, path, "weights.bin"))), strict: true);
            optimizer.load_state_dict(new BinaryReader(Buffer(Entry(zip, path, "optimizer.bin"))));
        }
        catch (Exception ex) when (ex is not DialogueActsException)
        {
            throw new DialogueActsException($"{path}: the checkpoint does not fit this config or is corrupt ({DialogueActsException.FirstLine(ex.Message)}); delete it to start over", ex);
        }
    }

    private static Stream Entry(ZipArchive zip, string path, string name) =>
        (zip.GetEntry(name) ?? throw new DialogueActsException($"{path}: the checkpoint has no '{name}'; delete it to start over")).Open();

    private static MemoryStream Buffer(Stream stream)
    {
        var memory = new MemoryStream();
        using (stream) stream.CopyTo(memory);
        memory.Position = 0;
        return memory;
    }
}
