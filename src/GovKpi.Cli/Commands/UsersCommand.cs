using System.CommandLine;
using GovKpi.Core.Access;
using GovKpi.Data;
using GovKpi.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Cli.Commands;

/// <summary>
/// <c>govkpi users add USER --role ROLE [--staff CODE] [--scope UNIT] [--email ADDRESS]</c>,
/// <c>govkpi users disable USER</c>, <c>govkpi users reset-password USER</c> (each with
/// <c>[--database CS] [--provider sqlite|postgres]</c>): the accounts of the console
/// administrator, above all the first HR account of a fresh installation (CONTRACTS.md). The
/// password is the first line of standard input, taken as given: the administrator chose it, so
/// no change is forced, but the password policy applies. <c>reset-password</c> without a
/// password on standard input prints a one-time setup link instead. Every change goes through
/// the same <see cref="AccountDesk"/> as the HR pages, with its audit entry; disabling and
/// resetting end the account's sessions. Exit 0 done, 2 invalid input, 1 anything else.
/// </summary>
internal static class UsersCommand
{
    public static Command Create(TextReader? input)
    {
        return new Command("users", "Create, disable or reset sign-in accounts (the first HR account of a new installation).")
        {
            Add(input), Disable(), Reset(input),
        };
    }

    private static Command Add(TextReader? input)
    {
        var user = new Argument<string>("USER") { Description = "The user name." };
        var role = new Option<string>("--role") { Description = "hr, leader, auditor, manager, staff or integration.", Required = true };
        var staff = new Option<string?>("--staff") { Description = "Staff code of the person (required for manager and staff)." };
        var scope = new Option<string?>("--scope") { Description = "Code of the unit whose subtree the account sees; default: the person's unit, or the province for hr, leader and auditor." };
        var email = new Option<string?>("--email") { Description = "E-mail address of the account." };
        var (database, provider) = DatabaseCommandOptions.Create();
        var command = new Command("add", "Create an account; its password is the first line of standard input (echo PASSWORD | govkpi users add hr1 --role hr).")
        {
            user, role, staff, scope, email, database, provider,
        };
        command.SetAction((parsed, ct) => RunAsync("add", parsed, database, provider, async (desk, db, output, error) =>
        {
            if (!AccountRules.TryParseRole(parsed.GetValue(role)!, out var parsedRole))
            {
                error.WriteLine($"govkpi users add: --role {parsed.GetValue(role)}: not a role; use hr, leader, auditor, manager, staff or integration.");
                return ExitCode.InvalidInput;
            }

            var password = ReadPassword(input);
            if (password is null)
            {
                error.WriteLine("govkpi users add: standard input: no password; give it on the first line, e.g. echo PASSWORD | govkpi users add USER --role ROLE.");
                return ExitCode.InvalidInput;
            }

            var request = new AccountRequest(parsed.GetValue(user)!, parsedRole, parsed.GetValue(scope), parsed.GetValue(staff), parsed.GetValue(email));
            var outcome = await desk.CreateAsync(request, new PasswordChoice.Given(password, MustChange: false), Actor, callerScope: null, ct);
            if (outcome is not AccountOutcome.Done done)
            {
                return Report("add", outcome, error);
            }

            var account = done.Account;
            output.WriteLine(account.ScopeUnitCode == AccountRules.ProvinceScopePending
                ? $"govkpi users add: created {account.UserName} ({AccountRules.RoleWord(account.Role)}); no units yet: the account will see the province once the organisation files are imported."
                : $"govkpi users add: created {account.UserName} ({AccountRules.RoleWord(account.Role)}, scope {account.ScopeUnitCode}).");
            return ExitCode.Success;
        }, ct));
        return command;
    }

    private static Command Disable()
    {
        var user = new Argument<string>("USER") { Description = "The user name." };
        var (database, provider) = DatabaseCommandOptions.Create();
        var command = new Command("disable", "Disable an account; its open sessions end at their next request.") { user, database, provider };
        command.SetAction((parsed, ct) => RunAsync("disable", parsed, database, provider, async (desk, db, output, error) =>
        {
            var outcome = await desk.DisableAsync(parsed.GetValue(user)!, Actor, callerScope: null, ct);
            if (outcome is not AccountOutcome.Done done)
            {
                return Report("disable", outcome, error, parsed.GetValue(user));
            }

            output.WriteLine($"govkpi users disable: {done.Account.UserName} is disabled; its sessions have ended.");
            return ExitCode.Success;
        }, ct));
        return command;
    }

    private static Command Reset(TextReader? input)
    {
        var user = new Argument<string>("USER") { Description = "The user name." };
        var (database, provider) = DatabaseCommandOptions.Create();
        var command = new Command("reset-password",
            "Set a new password from standard input, or, with nothing on standard input, print a one-time setup link. The account's sessions end.")
        {
            user, database, provider,
        };
        command.SetAction((parsed, ct) => RunAsync("reset-password", parsed, database, provider, async (desk, db, output, error) =>
        {
            var password = ReadPassword(input);
            PasswordChoice choice = password is null ? new PasswordChoice.SetupLink() : new PasswordChoice.Given(password, MustChange: false);
            var outcome = await desk.ResetAsync(parsed.GetValue(user)!, choice, Actor, callerScope: null, ct);
            if (outcome is not AccountOutcome.Done done)
            {
                return Report("reset-password", outcome, error, parsed.GetValue(user));
            }

            if (done.SetupToken is { } token)
            {
                output.WriteLine($"govkpi users reset-password: {done.Account.UserName} has no password now; its setup link (usable once, for {AccountDesk.SetupLinkLifetime.TotalHours:0} hours), after the app's address:");
                output.WriteLine($"/account/setup?token={token}");
            }
            else
            {
                output.WriteLine($"govkpi users reset-password: {done.Account.UserName} has its new password; its sessions have ended.");
            }

            return ExitCode.Success;
        }, ct));
        return command;
    }

    private static string Actor => ConsoleActor.Of(Environment.UserName);

    /// <summary>The first line of standard input, or null when nothing was given (a terminal, or an empty pipe).</summary>
    private static string? ReadPassword(TextReader? input)
    {
        var line = input?.ReadLine()?.TrimEnd('\r');
        return string.IsNullOrEmpty(line) ? null : line;
    }

    private static async Task<int> RunAsync(string verb, ParseResult parsed, Option<string?> database, Option<string?> provider,
        Func<AccountDesk, GovKpiDbContext, TextWriter, TextWriter, Task<int>> action, CancellationToken ct)
    {
        var output = parsed.InvocationConfiguration.Output;
        var error = parsed.InvocationConfiguration.Error;
        try
        {
            var options = DatabaseCommandOptions.Resolve(parsed.GetValue(database), parsed.GetValue(provider));
            await using var db = new GovKpiDbContext(options.ToContextOptions());
            if (!await DatabaseCommandOptions.EnsureMigratedAsync(db, options, error, ct))
            {
                return ExitCode.Failure;
            }

            return await action(new AccountDesk(db, new PasswordHasher<UserAccount>(), TimeProvider.System), db, output, error);
        }
        catch (ArgumentException e) when (e.ParamName == "provider")
        {
            error.WriteLine($"govkpi users {verb}: {e.Message}");
            return ExitCode.InvalidInput;
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            error.WriteLine($"govkpi users {verb}: failed, nothing changed: {e.Message}");
            return ExitCode.Failure;
        }
    }

    private static int Report(string verb, AccountOutcome outcome, TextWriter error, string? userName = null)
    {
        if (outcome is AccountOutcome.Invalid invalid)
        {
            foreach (var problem in invalid.Problems)
            {
                error.WriteLine($"govkpi users {verb}: {Where(problem.Field)}: {Explain(problem.Code)}");
            }
        }
        else
        {
            error.WriteLine($"govkpi users {verb}: USER {userName}: no such account.");
        }

        return ExitCode.InvalidInput;
    }

    private static string Where(string field) => field switch
    {
        "userName" => "USER",
        "staffCode" => "--staff",
        "scopeUnitCode" => "--scope",
        "email" => "--email",
        "password" => "standard input",
        _ => field,
    };

    /// <summary>The command line's English wording of Core's problem codes (the web app has its own, localised).</summary>
    private static string Explain(string code) => code switch
    {
        "Account.UserNameInvalid" => "a user name has 2 to 100 characters: ASCII letters, digits and . _ - @.",
        "Account.UserNameTaken" => "an account with this user name exists.",
        "Account.StaffRequired" => "manager and staff accounts need --staff CODE.",
        "Account.StaffUnknown" => "no staff member has this code.",
        "Account.StaffHasAccount" => "this staff member already has an account.",
        "Account.ScopeUnknown" => "no unit has this code.",
        "Account.EmailInvalid" => "not an e-mail address.",
        "Password.TooShort" => $"the password needs at least {PasswordPolicy.MinimumLength} characters.",
        "Password.NeedsLettersAndDigits" => "the password needs both letters and digits.",
        "Password.ContainsUserName" => "the password must not contain the user name.",
        "Password.TooCommon" => "the password is one of the most common ones; choose another.",
        _ => code,
    };
}
