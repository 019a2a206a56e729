using GovKpi.Core.Tasks;
using GovKpi.Data;
using GovKpi.Data.Tasks;
using GovKpi.Web.Features.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

public sealed class TaskAssignmentPageTests(DemoSite site) : IClassFixture<DemoSite>
{
    private async Task<IPage> SignedInAsync(string userName, int width, int height)
    {
        var context = await site.Browser!.NewContextAsync(new()
        {
            BaseURL = site.BaseAddress.ToString(), Locale = "vi-VN", ViewportSize = new() { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.LeavesTheFrontDoorAsync();
        return page;
    }

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task A_manager_assigns_the_staff_member_logs_the_diary_and_submits_and_the_manager_accepts(int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var type = $"BC{width}";
        string staffCode;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            var province = await db.Units.AsNoTracking().Where(u => u.ParentCode == null).Select(u => u.Code).FirstAsync();
            staffCode = (await db.Accounts.AsNoTracking().SingleAsync(a => a.UserName == DemoAccounts.Staff)).StaffCode!;
            db.TaskTypes.Add(TaskTypeRecord.From(new TaskType(type, province, TaskGroup.B, "Báo cáo chuyên đề", "báo cáo", 2m, 1m, 1,
                new DateOnly(2026, 1, 1), null, null), "test", DemoSite.Today));
            await db.SaveChangesAsync();
        }

        var manager = await SignedInAsync(DemoAccounts.Manager, width, height);
        await manager.GotoAsync("/tasks");
        var assign = manager.GetByTestId("assign");
        await assign.Locator("select[name=staffCode]").SelectOptionAsync(new SelectOptionValue { Value = staffCode });
        await assign.Locator("select[name=taskType]").SelectOptionAsync(new SelectOptionValue { Value = type });
        await assign.GetByLabel("Số lượng").FillAsync("2");
        await assign.GetByLabel("Hạn hoàn thành").FillAsync("2026-12-11");
        await assign.GetByLabel("Sản phẩm dự kiến").FillAsync("Báo cáo kết quả giải quyết hồ sơ tháng 11");
        await assign.GetByLabel("Tiêu chí kiểm tra chất lượng").FillAsync("Đúng mẫu, số liệu khớp hệ thống một cửa");
        await assign.GetByRole(AriaRole.Button, new() { Name = "Giao nhiệm vụ" }).ClickAsync();
        await Assertions.Expect(manager.GetByTestId("message")).ToContainTextAsync("Đã giao nhiệm vụ NV-");
        var taskId = (await manager.GetByTestId("message").InnerTextAsync()).Split(' ')[^1].TrimEnd('.');

        var staff = await SignedInAsync(DemoAccounts.Staff, width, height);
        await staff.GotoAsync("/tasks");
        var card = staff.Locator($"article[data-task='{taskId}']");
        await card.GetByTestId("work").Locator("summary").ClickAsync();
        await card.GetByTestId("diary").GetByLabel("Nội dung công việc").FillAsync("Tổng hợp số liệu hồ sơ trễ hạn của xã");
        await card.GetByTestId("diary").GetByRole(AriaRole.Button, new() { Name = "Ghi nhật ký" }).ClickAsync();
        await Assertions.Expect(staff.GetByTestId("message")).ToHaveTextAsync("Đã lưu.");
        card = staff.Locator($"article[data-task='{taskId}']");
        await card.GetByTestId("work").Locator("summary").ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Nộp sản phẩm" }).ClickAsync();
        await Assertions.Expect(staff.Locator($"article[data-task='{taskId}']")).ToHaveAttributeAsync("data-state", "Submitted");
        await Assertions.Expect(staff.GetByTestId("score")).ToContainTextAsync("Điểm kết quả thực hiện nhiệm vụ tháng 12/2026");
        await staff.ScreenshotAsync(new() { Path = Screenshots.PathFor($"tasks-staff-{width}.png"), FullPage = true });

        await manager.GotoAsync("/tasks");
        var review = manager.Locator($"article[data-task='{taskId}']");
        await review.GetByRole(AriaRole.Button, new() { Name = "Nghiệm thu: đạt chất lượng" }).ClickAsync();
        await Assertions.Expect(manager.Locator($"article[data-task='{taskId}']")).ToHaveAttributeAsync("data-state", "Accepted");
        await Assertions.Expect(manager.Locator($"article[data-task='{taskId}']")).ToContainTextAsync("Đã nghiệm thu");
        await manager.Locator($"article[data-task='{taskId}']").GetByTestId("task-diary").Locator("summary").ClickAsync();
        await Assertions.Expect(manager.Locator($"article[data-task='{taskId}']").GetByTestId("task-diary"))
            .ToContainTextAsync("8 h · Tổng hợp số liệu hồ sơ trễ hạn của xã");
        await manager.ScreenshotAsync(new() { Path = Screenshots.PathFor($"tasks-manager-{width}.png"), FullPage = true });
    }

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task A_manager_uploads_an_eoffice_file_sees_the_bad_row_quarantined_with_its_reason_and_corrects_it(int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var type = $"VQ{width}";
        string staffCode;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            var province = await db.Units.AsNoTracking().Where(u => u.ParentCode == null).Select(u => u.Code).FirstAsync();
            staffCode = (await db.Accounts.AsNoTracking().SingleAsync(a => a.UserName == DemoAccounts.Staff)).StaffCode!;
            db.TaskTypes.Add(TaskTypeRecord.From(new TaskType(type, province, TaskGroup.B, "Văn bản trả lời", "văn bản", 1m, 1m, 1,
                new DateOnly(2026, 1, 1), null, null), "test", DemoSite.Today));
            await db.SaveChangesAsync();
        }

        var csv = "source,external_id,version,staff_code,task_type,quantity,assigned_on,due_on,expected_product,quality_check\n"
            + $"eoffice,Q{width}-1,1,{staffCode},{type},1,2026-12-01,2026-12-15,Công văn trả lời,Đúng thể thức\n"
            + $"eoffice,Q{width}-2,1,{staffCode},{type},hai,2026-12-01,2026-12-15,Công văn trả lời,Đúng thể thức\n";
        var manager = await SignedInAsync(DemoAccounts.Manager, width, height);
        await manager.GotoAsync("/tasks");
        await manager.GetByTestId("import").Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = $"vpdt-{width}.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
        });
        await manager.GetByTestId("import").GetByRole(AriaRole.Button, new() { Name = "Nhập", Exact = true }).ClickAsync();

        await Assertions.Expect(manager.GetByTestId("message")).ToContainTextAsync("Đã đọc 2 dòng: thêm 1, cập nhật 0, không đổi 0, cách ly 1.");
        var row = manager.GetByTestId("task-quarantine").Locator("li", new() { HasText = $"vpdt-{width}.csv:3" });
        await Assertions.Expect(row).ToContainTextAsync("quantity:");
        await manager.ScreenshotAsync(new() { Path = Screenshots.PathFor($"tasks-quarantine-{width}.png"), FullPage = true });
        await row.GetByTestId("correct").Locator("summary").ClickAsync();
        await row.Locator("input[name='field.quantity']").FillAsync("2");
        await row.ScreenshotAsync(new() { Path = Screenshots.PathFor($"tasks-quarantine-correct-{width}.png") });
        await row.GetByRole(AriaRole.Button, new() { Name = "Sửa và gửi lại" }).ClickAsync();

        await Assertions.Expect(manager.GetByTestId("message")).ToHaveTextAsync($"Đã nhập dòng vpdt-{width}.csv:3: nhiệm vụ eoffice:Q{width}-2.");
        await Assertions.Expect(manager.Locator($"article[data-task='eoffice:Q{width}-2']")).ToBeVisibleAsync();
    }
}
