using System.Globalization;
using GovKpi.Assistant.Answering;
using GovKpi.Assistant.Documents;
using GovKpi.Assistant.Privacy;
using GovKpi.Assistant.Search;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using GovKpi.Data.Assistant;
using GovKpi.Web.Features.Accounts;
using Lucene.Net.Index;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using FSDirectory = Lucene.Net.Store.FSDirectory;

namespace GovKpi.Web.Features.Assistant;

public sealed record DocumentResponse(Guid Id, string FileName, long SizeBytes, int Passages, string UploadedBy, DateTimeOffset UploadedAt)
{
    public static DocumentResponse From(AssistantDocument d) => new(d.Id, d.FileName, d.SizeBytes, d.Passages, d.UploadedBy, d.UploadedAt);
}

/// <summary>
/// The documents HR uploaded for questions on documents, and the one Lucene index over them, for
/// the whole app. Files are kept under the data directory (<c>assistant/documents/{id}{ext}</c>),
/// their names and who uploaded them in <c>assistant_documents</c>, the index in
/// <c>assistant/index</c>. An upload or deletion changes the index in place and then swaps in a
/// new reader; questions already running finish on the reader they started with, which is closed
/// when the last of them is done. Changes are serialised; questions never wait for them.
/// On first use the index is checked against the table and rebuilt from the files when they
/// differ (a crash between the two, a restored backup, a data directory copied without it).
/// </summary>
public sealed class DocumentLibrary(string dataDirectory, LanguageModelSettings? model, DocumentLimits limits, TimeProvider clock,
    IStringLocalizer<SharedResource> l, ILogger<DocumentLibrary> log) : IDisposable
{
    /// <summary>Largest file accepted: a long handbook as PDF; bigger files are usually scans, which have no text to quote.</summary>
    public const long MaximumBytes = 20L << 20;

    public const int MaximumNameLength = 200;

    private readonly string _files = Path.Combine(dataDirectory, "assistant", "documents");
    private readonly string _index = Path.Combine(dataDirectory, "assistant", "index");
    private readonly SemaphoreSlim _changes = new(1, 1);
    private readonly Lock _gate = new();
    private Generation? _current;

    /// <summary>The model of the LLM mode, or null for the offline mode (the GOVKPI_LLM_* settings, as for <c>govkpi ask</c>).</summary>
    public LanguageModelSettings? Model => model;

    /// <summary>The mode questions are answered in, as the API and the audit trail name it.</summary>
    public string Mode => model is null ? "offline" : "llm";

    /// <summary>The extensions accepted, as the page and the errors list them.</summary>
    public static string Extensions => string.Join(", ", DocumentReader.Extensions.Order(StringComparer.Ordinal));

    public async Task<List<AssistantDocument>> ListAsync(GovKpiDbContext db, CancellationToken ct) =>
        (await db.AssistantDocuments.AsNoTracking().ToListAsync(ct)).OrderBy(d => d.FileName, StringComparer.CurrentCulture).ToList();

    /// <summary>Stores and indexes an uploaded file, or says (under <c>file</c>) why it cannot be: none, wrong type, too big, a name already used, no readable text.</summary>
    public Task<(Dictionary<string, string[]> Errors, AssistantDocument? Document)> AddAsync(
        GovKpiDbContext db, IFormFile? file, CurrentUser user, CancellationToken ct) =>
        AddAsync(db, file?.FileName ?? "", file?.Length ?? 0, (target, c) => file!.CopyToAsync(target, c), user.UserName, ct);

    /// <inheritdoc cref="AddAsync(GovKpiDbContext, IFormFile?, CurrentUser, CancellationToken)"/>
    public async Task<(Dictionary<string, string[]> Errors, AssistantDocument? Document)> AddAsync(GovKpiDbContext db,
        string fileName, long length, Func<Stream, CancellationToken, Task> copyTo, string uploadedBy, CancellationToken ct)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        string? error = null;
        if (length == 0 || name.Length == 0)
        {
            error = l["Assistant.Documents.Error.NoFile"];
        }
        else if (!DocumentReader.IsSupported(name))
        {
            error = l["Assistant.Documents.Error.FileType", name, Extensions];
        }
        else if (name.Length > MaximumNameLength)
        {
            error = l["Assistant.Documents.Error.NameTooLong", MaximumNameLength];
        }
        else if (length > MaximumBytes)
        {
            error = l["Assistant.Documents.Error.TooLarge", name, Megabytes(length), Megabytes(MaximumBytes)];
        }

        if (error is not null)
        {
            return (Located(error), null);
        }

        await _changes.WaitAsync(ct);
        try
        {
            await OpenAsync(db, ct);
            if (await db.AssistantDocuments.AnyAsync(d => d.FileName == name, ct))
            {
                return (Located(l["Assistant.Documents.Error.Exists", name]), null);
            }

            var id = Guid.NewGuid();
            var path = FilePath(id, name);
            Directory.CreateDirectory(_files);
            await using (var target = File.Create(path))
            {
                await copyTo(target, ct);
            }

            IReadOnlyList<Passage> passages;
            AssistantDocument document;
            try
            {
                passages = PassageSplitter.Split(Read(name, path));
                document = new AssistantDocument
                {
                    Id = id, FileName = name, SizeBytes = length, Passages = passages.Count, UploadedBy = uploadedBy, UploadedAt = clock.GetUtcNow(),
                };
                db.AssistantDocuments.Add(document);
                await db.SaveChangesAsync(ct);
            }
            catch (DocumentFormatException e)
            {
                File.Delete(path);
                return (Located(l["Assistant.Documents.Error.Unreadable", name, e.Message]), null);
            }
            catch (UploadLimitException e)
            {
                File.Delete(path);
                var limit = e.Kind == UploadLimit.DecompressedSize ? Megabytes(e.Limit) : e.Limit.ToString("N0", CultureInfo.CurrentCulture);
                return (Located(l["Assistant.Documents.Error.Limit." + e.Kind, name, limit]), null);
            }
            catch
            {
                File.Delete(path);
                throw;
            }

            ChangeIndex([], passages);
            return ([], document);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Removes a document, its file and its passages; false when there is no such document.</summary>
    public async Task<bool> RemoveAsync(GovKpiDbContext db, Guid id, CancellationToken ct)
    {
        await _changes.WaitAsync(ct);
        try
        {
            await OpenAsync(db, ct);
            var document = await db.AssistantDocuments.SingleOrDefaultAsync(d => d.Id == id, ct);
            if (document is null)
            {
                return false;
            }

            db.AssistantDocuments.Remove(document);
            await db.SaveChangesAsync(ct);
            File.Delete(FilePath(document.Id, document.FileName));
            ChangeIndex([document.FileName], []);
            return true;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>
    /// Answers from the documents in the configured mode, for <paramref name="asker"/>: personal data
    /// masked before anything reaches a model, and in what the asker reads unless they may read it.
    /// </summary>
    public async Task<AssistantAnswer> AskAsync(GovKpiDbContext db, string question, Asker asker, CancellationToken ct)
    {
        if (Volatile.Read(ref _current) is null)
        {
            await _changes.WaitAsync(ct);
            try
            {
                await OpenAsync(db, ct);
            }
            finally
            {
                _changes.Release();
            }
        }

        Generation generation;
        lock (_gate)
        {
            generation = _current!;
            generation.Users++;
        }

        try
        {
            using var assistant = new DocumentAssistant(generation.Index, asker, model);
            return await assistant.AskAsync(question, ct);
        }
        finally
        {
            lock (_gate)
            {
                generation.Users--;
                if (generation.Retired && generation.Users == 0)
                {
                    generation.Index.Dispose();
                }
            }
        }
    }

    /// <summary>Opens the index once, rebuilding it from the files when it does not hold exactly the documents of the table. Called under <see cref="_changes"/>.</summary>
    private async Task OpenAsync(GovKpiDbContext db, CancellationToken ct)
    {
        if (_current is not null)
        {
            return;
        }

        var documents = await db.AssistantDocuments.AsNoTracking().ToListAsync(ct);
        Directory.CreateDirectory(_index);
        var directory = FSDirectory.Open(_index);
        if (DirectoryReader.IndexExists(directory))
        {
            var index = PassageIndex.Open(directory);
            if (index.Documents().SetEquals(documents.Select(d => d.FileName)))
            {
                Swap(index);
                return;
            }

            index.Dispose();
            directory = FSDirectory.Open(_index);
        }

        var passages = new List<Passage>();
        foreach (var document in documents.OrderBy(d => d.FileName, StringComparer.Ordinal))
        {
            try
            {
                passages.AddRange(PassageSplitter.Split(Read(document.FileName, FilePath(document.Id, document.FileName))));
            }
            catch (Exception e) when (e is DocumentFormatException or UploadLimitException or IOException)
            {
                // Questions go on over the other documents; HR sees the document listed and can upload it again.
                log.LogWarning("Assistant document {Name} ({Id}) left out of the index: {Reason}", document.FileName, document.Id, e.Message);
            }
        }

        Swap(PassageIndex.Build(passages, directory));
        log.LogInformation("Assistant documents indexed: {Documents} documents, {Passages} passages", documents.Count, passages.Count);
    }

    private void ChangeIndex(IEnumerable<string> remove, IEnumerable<Passage> add)
    {
        using (var directory = FSDirectory.Open(_index))
        {
            PassageIndex.Update(directory, remove, add);
        }

        Swap(PassageIndex.Open(FSDirectory.Open(_index)));
    }

    private void Swap(PassageIndex index)
    {
        lock (_gate)
        {
            var previous = _current;
            _current = new Generation(index);
            if (previous is not null)
            {
                previous.Retired = true;
                if (previous.Users == 0)
                {
                    previous.Index.Dispose();
                }
            }
        }
    }

    /// <summary>The document's text under the name it was uploaded with, which is what citations show.</summary>
    private SourceDocument Read(string name, string path)
    {
        try
        {
            return DocumentReader.Read(path, limits) with { Name = name };
        }
        catch (DocumentFormatException e)
        {
            throw new DocumentFormatException(e.Message.Replace(Path.GetFileName(path), name, StringComparison.Ordinal), e);
        }
    }

    private string FilePath(Guid id, string name) => Path.Combine(_files, id.ToString("N") + Path.GetExtension(name).ToLowerInvariant());

    private static Dictionary<string, string[]> Located(string message) => new() { ["file"] = [message] };

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.#", CultureInfo.CurrentCulture);

    public void Dispose()
    {
        lock (_gate)
        {
            _current?.Index.Dispose();
            _current = null;
        }

        _changes.Dispose();
    }

    /// <summary>One opened reader of the index and the questions using it.</summary>
    private sealed class Generation(PassageIndex index)
    {
        public PassageIndex Index { get; } = index;
        public int Users { get; set; }
        public bool Retired { get; set; }
    }
}
