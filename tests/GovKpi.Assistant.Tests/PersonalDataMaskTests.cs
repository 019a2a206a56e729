using GovKpi.Assistant.Privacy;

namespace GovKpi.Assistant.Tests;

public sealed class PersonalDataMaskTests
{
    [Theory]
    [InlineData("Gọi 0912 345 678 hoặc 0912.345.678", "Gọi [PHONE_1] hoặc [PHONE_2]")]
    [InlineData("Số +84 912 345 678, bàn (028) 3829 1234 hay 028-3829-1234", "Số [PHONE_1], bàn [PHONE_2] hay [PHONE_3]")]
    [InlineData("(0912345678)", "([PHONE_1])")]
    [InlineData("Thư gửi an.nguyen@khanhhoa.gov.vn nhé", "Thư gửi [EMAIL_1] nhé")]
    [InlineData("CCCD 066190012345, CMND 225123456", "CCCD [ID_1], CMND [ID_2]")]
    [InlineData("Ông Lê Văn Thanh và chị Bích Thủy", "Ông [PERSON_1] và chị [PERSON_2]")]
    [InlineData("Nguyễn Thị Bích Thủy, Tran Van Binh", "[PERSON_1], [PERSON_2]")]
    [InlineData("TS. Nguyễn Hồng Bửu Long giảng dạy", "TS. [PERSON_1] giảng dạy")]
    public void Identifiers_become_numbered_placeholders(string text, string masked) =>
        Assert.Equal(masked, new PersonalDataMask().Mask(text));

    [Theory]
    [InlineData("Nghị định 133/2025/ND-CP, 117 nhiệm vụ, 52.5%, ngày 01/04/2025, 2.359 thủ tục")]
    [InlineData("tỉnh Lâm Đồng và chính phủ Anh, Sở Nội vụ TP.HCM")]
    [InlineData("Tỷ lệ 98% trong năm 2025, mã 610/QD-UBND")]
    public void Numbers_dates_document_codes_and_place_names_stay(string text) =>
        Assert.Equal(text, new PersonalDataMask().Mask(text));

    [Fact]
    public void Known_names_are_masked_even_where_no_rule_would_find_them()
    {
        var mask = new PersonalDataMask(["Y Bhim Niê", "H'Hen Niê"]);

        Assert.Equal("[PERSON_1] gặp [PERSON_2]; [PERSON_1] ghi chép", mask.Mask("Y Bhim Niê gặp H'Hen Niê; y bhim niê ghi chép"));
    }

    [Fact]
    public void The_same_value_keeps_its_placeholder_across_texts_and_restore_puts_every_value_back()
    {
        var mask = new PersonalDataMask();
        var first = mask.Mask("Chị Nguyễn Thị Lan, 0912345678");
        var second = mask.Mask("Nguyễn Thị Lan gọi lại từ 0912345678; anh Trần Văn Nam không gọi.");

        Assert.Equal("Chị [PERSON_1], [PHONE_1]", first);
        Assert.Equal("[PERSON_1] gọi lại từ [PHONE_1]; anh [PERSON_2] không gọi.", second);
        Assert.Equal("Nguyễn Thị Lan và Trần Văn Nam, số 0912345678; [PERSON_9] giữ nguyên",
            mask.Restore("[PERSON_1] và [PERSON_2], số [PHONE_1]; [PERSON_9] giữ nguyên"));
    }

    [Fact]
    public void Contact_numbers_are_removed_for_retrieval_but_names_stay() =>
        Assert.Equal("Chị Nguyễn Thị Lan ( ,  ) hỏi",
            PersonalDataMask.WithoutContactNumbers("Chị Nguyễn Thị Lan (0912345678, lan@x.vn) hỏi"));
}
