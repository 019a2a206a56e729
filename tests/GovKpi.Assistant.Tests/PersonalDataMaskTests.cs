using GovKpi.Assistant.Privacy;

namespace GovKpi.Assistant.Tests;

public sealed class PersonalDataMaskTests
{
    [Theory]
    [InlineData("Gọi 0912 345 678 hoặc 0913.345.678", "Gọi [PHONE_1] hoặc [PHONE_2]")]
    [InlineData("Số +84 912 345 678, bàn (028) 3829 1234 hay 028-3829-1234", "Số [PHONE_1], bàn [PHONE_2] hay [PHONE_2]")]
    [InlineData("(0912345678)", "([PHONE_1])")]
    [InlineData("Thư gửi an.nguyen@khanhhoa.gov.vn nhé", "Thư gửi [EMAIL_1] nhé")]
    [InlineData("CCCD 066190012345, CMND 225123456", "CCCD [ID_1], CMND [ID_2]")]
    [InlineData("Ông Lê Văn Thanh và chị Bích Thủy", "Ông [PERSON_1] và chị [PERSON_2]")]
    [InlineData("Nguyễn Thị Bích Thủy, Tran Van Binh", "[PERSON_1], [PERSON_2]")]
    [InlineData("TS. Nguyễn Hồng Bửu Long giảng dạy", "TS. [PERSON_1] giảng dạy")]
    public void Identifiers_become_numbered_placeholders(string text, string masked) =>
        Assert.Equal(masked, new PersonalDataMask().Mask(text));

    [Theory]
    [InlineData("DANH SÁCH: LÊ VĂN THANH, PHẠM THỊ LAN", "DANH SÁCH: [PERSON_1], [PERSON_2]")]
    [InlineData("NGUYEN THI BICH THUY nhận quyết định", "[PERSON_1] nhận quyết định")]
    [InlineData("người nhận: lê văn thanh và trần thị hồng", "người nhận: [PERSON_1] và [PERSON_2]")]
    [InlineData("le van thanh đi công tác", "[PERSON_1] đi công tác")]
    [InlineData("Khổng Minh Tuệ, Thạch Thị Sa Rênh, Lò Văn Páo", "[PERSON_3], [PERSON_1], [PERSON_2]")]
    [InlineData("Cán bộ Mai Văn Hòa, Quan Thị Nga, Giáp Văn Cường", "Cán bộ [PERSON_1], [PERSON_2], [PERSON_3]")]
    [InlineData("Nông Đức Mạnh, Triệu Thị Hồng và Sầm Văn Bình", "[PERSON_3], [PERSON_1] và [PERSON_2]")]
    [InlineData("THÀNH CÔNG VIỆC, quan trọng khác, tiêu chí đánh giá, minh bạch trong quá trình, đo lường tiến độ, quy trình thu thập", null)]
    [InlineData("Quy Trình Thu Thập Dữ Liệu, Tiêu Chí Đánh Giá, văn bản của thị xã", null)]
    [InlineData("Kiều Tuấn Anh Khoa và Bế Hồng Hạnh", "[PERSON_1] và [PERSON_2]")]
    public void Names_are_masked_in_upper_lower_and_title_case_and_with_any_family_name(string text, string? masked) =>
        Assert.Equal(masked ?? text, new PersonalDataMask().Mask(text));

    [Theory]
    [InlineData("Họ tên: Trần Văn Nam, sinh ngày 05/03/1980", "Họ tên: [PERSON_1], sinh ngày [BIRTHDATE_1]")]
    [InlineData("Ngày sinh: 5-3-1980.", "Ngày sinh: [BIRTHDATE_1].")]
    [InlineData("sinh ngày 5 tháng 3 năm 1980 tại Khánh Hòa", "sinh ngày [BIRTHDATE_1] tại Khánh Hòa")]
    [InlineData("Ngày, tháng, năm sinh: 12.11.1975", "Ngày, tháng, năm sinh: [BIRTHDATE_1]")]
    [InlineData("anh ấy sinh năm 1990", "anh ấy sinh năm [BIRTHDATE_1]")]
    [InlineData("Phạm Thị Lan, 05/03/1980, chuyên viên", "[PERSON_1], [BIRTHDATE_1], chuyên viên")]
    public void Dates_of_birth_are_masked(string text, string masked) =>
        Assert.Equal(masked, new PersonalDataMask().Mask(text));

    [Theory]
    [InlineData("CCCD: 066 190 012 345", "CCCD: [ID_1]")]
    [InlineData("số CCCD 066.190.012.345 cấp ngày 01/01/2021", "số CCCD [ID_1] cấp ngày 01/01/2021")]
    [InlineData("Căn cước công dân số 066-190-012-345", "Căn cước công dân số [ID_1]")]
    [InlineData("mang thẻ 0661 9001 2345 đến", "mang thẻ [ID_1] đến")]
    [InlineData("CMND số: 225 123 456", "CMND số: [ID_1]")]
    [InlineData("Chứng minh nhân dân 225.123.456", "Chứng minh nhân dân [ID_1]")]
    [InlineData("số định danh cá nhân 079 085 001 234", "số định danh cá nhân [ID_1]")]
    public void Identity_numbers_are_masked_in_any_spacing(string text, string masked) =>
        Assert.Equal(masked, new PersonalDataMask().Mask(text));

    [Theory]
    [InlineData("Liên hệ 84912345678 hoặc 84 912 345 678", "Liên hệ [PHONE_1] hoặc [PHONE_1]")]
    [InlineData("ĐT: +84.912.345.678 / 0912 345 678", "ĐT: [PHONE_1] / [PHONE_1]")]
    [InlineData("Hộ chiếu số C1234567, passport B 7654321", "Hộ chiếu số [PASSPORT_1], passport [PASSPORT_2]")]
    [InlineData("Mã số thuế: 8012345678", "Mã số thuế: [TAXCODE_1]")]
    [InlineData("MST 0312345678-001 của hộ kinh doanh", "MST [TAXCODE_1] của hộ kinh doanh")]
    [InlineData("chi nhánh 0312345678-002", "chi nhánh [TAXCODE_1]")]
    [InlineData("Mã số BHXH: 7912345678", "Mã số BHXH: [INSURANCE_1]")]
    [InlineData("sổ bảo hiểm xã hội số 79 1234 5678", "sổ bảo hiểm xã hội số [INSURANCE_1]")]
    public void Phones_passports_tax_and_social_insurance_numbers_are_masked(string text, string masked) =>
        Assert.Equal(masked, new PersonalDataMask().Mask(text));

    [Theory]
    [InlineData("Địa chỉ: số 12 đường Trần Phú, phường Lộc Thọ, thành phố Nha Trang.", "Địa chỉ: [ADDRESS_1].")]
    [InlineData("trú tại thôn Phú Hòa, xã Vĩnh Lương", "trú tại [ADDRESS_1]")]
    [InlineData("ở tổ dân phố 3, phường Vĩnh Hải; sau đó", "ở [ADDRESS_1]; sau đó")]
    [InlineData("Hộ khẩu: ấp Tân Lập, xã Tân Hưng, huyện Cái Bè", "Hộ khẩu: [ADDRESS_1]")]
    [InlineData("số nhà 45/7 hẻm Lê Lợi", "[ADDRESS_1]")]
    [InlineData("xóm 5, xã Diễn Châu và tổ 7, phường Tân Lập", "[ADDRESS_1] và [ADDRESS_2]")]
    public void Addresses_are_masked(string text, string masked) =>
        Assert.Equal(masked, new PersonalDataMask().Mask(text));

    [Theory]
    [InlineData("Nghị định 133/2025/ND-CP, 117 nhiệm vụ, 52.5%, ngày 01/04/2025, 2.359 thủ tục")]
    [InlineData("tỉnh Lâm Đồng và chính phủ Anh, Sở Nội vụ TP.HCM")]
    [InlineData("Tỷ lệ 98% trong năm 2025, mã 610/QD-UBND")]
    [InlineData("HỒ SƠ TRỰC TUYẾN MỨC ĐỘ 4 và hồ sơ giấy; lý do trả lại; cao hơn 5%")]
    [InlineData("PHÓ GIÁM ĐỐC SỞ, Văn phòng UBND tỉnh, Trang Thông Tin Điện Tử")]
    [InlineData("kinh phí 123.456.789 đồng và 1.234.567.890 đồng; giai đoạn 2021-2025, năm 2023 2024 2025")]
    [InlineData("phát sinh ngày 01/04/2025; UBND phường Bắc Nha Trang; bản sao Quyết định")]
    [InlineData("Hà Nội, tỉnh Khánh Hòa, thành phố Đà Nẵng, Cao Bằng")]
    public void Regulation_text_numbers_amounts_dates_and_place_names_stay(string text) =>
        Assert.Equal(text, new PersonalDataMask().Mask(text));

    [Fact]
    public void Known_names_are_masked_even_where_no_rule_would_find_them()
    {
        var mask = new PersonalDataMask(["Y Bhim Niê", "H'Hen Niê"]);

        Assert.Equal("[PERSON_1] gặp [PERSON_2]; [PERSON_1] ghi chép", mask.Mask("Y Bhim Niê gặp H'Hen Niê; y bhim niê ghi chép"));
    }

    [Fact]
    public void Known_names_are_masked_in_any_case_with_or_without_diacritics_as_one_person()
    {
        var mask = new PersonalDataMask(["Đặng Thu Trang", "Ksor H'Luông"]);

        Assert.Equal("[PERSON_1], [PERSON_1], [PERSON_1], [PERSON_1] và [PERSON_2], [PERSON_2]",
            mask.Mask("Đặng Thu Trang, ĐẶNG THU TRANG, dang thu trang, Dang  Thu Trang và KSOR H'LUÔNG, Ksor H'Luong"));
        Assert.Equal("Đặng Thu Trang", mask.Restore("[PERSON_1]"));
    }

    /// <summary>A made-up syllable per number: 0 → "Ba", 1 → "Ca", …, so thirty thousand names differ.</summary>
    private static string Syllable(int i) =>
        string.Concat("BCDGHKLMNPRSTVX"[i % 15], "aeiouy"[i / 15 % 6], i / 90 == 0 ? "" : Syllable(i / 90).ToLowerInvariant());

    [Fact]
    public void The_names_of_a_whole_provinces_staff_are_looked_up_word_by_word()
    {
        var staff = Enumerable.Range(0, 30_000).Select(i => $"Ksor H'{Syllable(i)} Niê").Append("Y Bhim Niê").ToList();
        var mask = new PersonalDataMask(staff);
        var last = Syllable(29_999);

        Assert.Equal("[PERSON_1] và [PERSON_2] họp; Ksor không phải tên",
            mask.Mask($"y bhim nie và KSOR H'{last.ToUpperInvariant()} NIÊ họp; Ksor không phải tên"));
        Assert.Equal(["y bhim nie", $"KSOR H'{last.ToUpperInvariant()} NIÊ"], mask.MaskedValues);
    }

    [Fact]
    public void One_person_written_in_three_cases_and_one_phone_in_three_spellings_keep_one_placeholder()
    {
        var mask = new PersonalDataMask();

        var masked = mask.Mask("Nguyễn Văn Bình (0912 345 678); NGUYỄN VĂN BÌNH: +84 912345678; nguyen van binh, 84.912.345.678");

        Assert.Equal("[PERSON_1] ([PHONE_1]); [PERSON_1]: [PHONE_1]; [PERSON_1], [PHONE_1]", masked);
        Assert.Equal(["0912 345 678", "Nguyễn Văn Bình"], mask.MaskedValues);
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
    public void Every_kind_of_personal_data_in_a_staff_record_is_masked_and_restored()
    {
        const string record = "Họ và tên: HOÀNG THỊ MỸ LINH; sinh ngày 12/11/1985; CCCD 056 185 001 234; MST 8123456789; "
            + "BHXH 5612345678; hộ chiếu B1234567; ĐT 84 905 111 222; thư linh.ht@gmail.com; thường trú số 8 đường Yersin, phường Nha Trang.";
        var mask = new PersonalDataMask();

        var masked = mask.Mask(record);

        Assert.Equal("Họ và tên: [PERSON_1]; sinh ngày [BIRTHDATE_1]; CCCD [ID_1]; MST [TAXCODE_1]; BHXH [INSURANCE_1]; hộ chiếu [PASSPORT_1]; "
            + "ĐT [PHONE_1]; thư [EMAIL_1]; thường trú [ADDRESS_1].", masked);
        Assert.Equal(record, mask.Restore(masked));
    }

    [Fact]
    public void Contact_numbers_are_removed_for_retrieval_but_names_stay() =>
        Assert.Equal("Chị Nguyễn Thị Lan ( ,  ) hỏi",
            PersonalDataMask.WithoutContactNumbers("Chị Nguyễn Thị Lan (0912345678, lan@x.vn) hỏi"));
}
