using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace DialogueActs.Tests.Web;

/// <summary>
/// Debian's headless Chromium driven through its ChromeDriver (packages <c>chromium</c> and <c>chromium-driver</c>; no
/// browser is downloaded). <c>CHROMIUM_PATH</c> and <c>CHROMEDRIVER_PATH</c> name other binaries.
/// </summary>
internal static class Chromium
{
    /// <summary>Why the browser tests are skipped: null where Chromium and ChromeDriver are installed.</summary>
    public static readonly string? Missing = Browser is null || Driver is null
        ? "Chromium and ChromeDriver are not installed: apt-get install chromium chromium-driver (Debian), or set CHROMIUM_PATH and CHROMEDRIVER_PATH"
        : null;

    private static string? Browser => Find("CHROMIUM_PATH", "/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser");

    private static string? Driver => Find("CHROMEDRIVER_PATH", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    /// <summary>Starts a headless browser with a new empty profile in <paramref name="profile"/>, logging the page's console.</summary>
    public static ChromeDriver Start(string profile, int width, int height)
    {
        string driver = Driver ?? throw new InvalidOperationException(Missing);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Browser };
        // Without the background-networking flags Chromium keeps calling hosts that a closed network refuses.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--disable-default-apps", "--hide-scrollbars", $"--user-data-dir={profile}", $"--window-size={width},{height}");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    private static string? Find(string variable, params string[] candidates) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } path ? (File.Exists(path) ? path : null) : candidates.FirstOrDefault(File.Exists);
}

/// <summary>A test that needs Chromium: skipped, saying how to install it, where it is missing.</summary>
internal sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.Missing is { } reason) Skip = reason;
    }
}
