using System.Text.Json;
using System.Text.Json.Serialization;

namespace GovKpi.Web.Tests.Infrastructure;

public static class ApiJson
{
    /// <summary>How the API writes JSON: web defaults with enums by name.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
