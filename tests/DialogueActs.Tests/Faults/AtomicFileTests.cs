namespace DialogueActs.Tests.Faults;

public sealed class AtomicFileTests
{
    [Fact]
    public void AFullDiskKeepsTheEarlierFileAndLeavesNoTemporaryFile()
    {
        using var disk = new Tmpfs("64k");
        string path = Path.Combine(disk.Directory, "out.bin");
        AtomicFile.WriteAllBytes(path, new byte[1000]);

        var error = Assert.Throws<DialogueActsException>(() => AtomicFile.WriteAllBytes(path, new byte[200_000]));

        Assert.Equal($"{path}: cannot write: No space left on device", error.Message);
        Assert.Equal(new byte[1000], File.ReadAllBytes(path));
        Assert.Equal(new[] { "out.bin" }, Directory.GetFiles(disk.Directory).Select(Path.GetFileName));
    }

    [Fact]
    public void AReadOnlyFolderIsOneLineAndTheFileStays()
    {
        using var disk = new Tmpfs("64k");
        string path = Path.Combine(disk.Directory, "out.txt");
        AtomicFile.WriteAllText(path, "before");
        disk.MakeReadOnly();

        var error = Assert.Throws<DialogueActsException>(() => AtomicFile.WriteAllText(path, "after"));

        Assert.Equal($"{path}: cannot write: Read-only file system", error.Message);
        Assert.Equal("before", File.ReadAllText(path));
    }

    [Fact]
    public void AFileWhereAFolderShouldBeIsNamed()
    {
        string file = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<DialogueActsException>(() => AtomicFile.WriteAllText(Path.Combine(file, "sub", "x.txt"), "x"));
            Assert.Equal($"{file}: is a file, not a folder", error.Message);
            Assert.Equal("", File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void AFolderWhereTheFileShouldBeIsNamed()
    {
        var folder = Directory.CreateTempSubdirectory("da-atomic-");
        try
        {
            var error = Assert.Throws<DialogueActsException>(() => AtomicFile.WriteAllText(folder.FullName, "x"));
            Assert.Equal($"{folder.FullName}: cannot write: it is a folder", error.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
