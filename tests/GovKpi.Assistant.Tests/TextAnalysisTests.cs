using GovKpi.Assistant.Search;

namespace GovKpi.Assistant.Tests;

/// <summary>Folding, spelling, segmentation and question analysis: what the index and questions are made of.</summary>
public sealed class TextAnalysisTests
{
    [Theory]
    [InlineData("Quyết định số 57 của Bộ Chính trị", "Quyet dinh so 57 cua Bo Chinh tri")]
    [InlineData("ĐÀO TẠO đội ngũ", "DAO TAO doi ngu")]
    [InlineData("ưu tiên, ơn, ăn, ân, ê, ô", "uu tien, on, an, an, e, o")]
    [InlineData("hoà, hòa, thuỷ, thủy", "hoa, hoa, thuy, thuy")]
    public void Folding_removes_every_Vietnamese_mark_and_turns_d_with_stroke_into_d(string text, string folded) =>
        Assert.Equal(folded, LatinFolding.Fold(text));

    [Theory]
    [InlineData("กระทรวงวิทยาศาสตร์และเทคโนโลยี")]
    [InlineData("ເຈົ້າໜ້າທີ່ຕາແສງ")]
    public void Folding_leaves_Thai_and_Lao_marks_alone(string text) =>
        Assert.Equal(text, LatinFolding.Fold(text));

    [Theory]
    [InlineData("hòa", "hoà")]
    [InlineData("hoàng", "hoàng")]
    [InlineData("thủy", "thuỷ")]
    [InlineData("hóa", "hoá")]
    [InlineData("khỏe", "khoẻ")]
    [InlineData("hoàn", "hoàn")]
    [InlineData("của", "của")]
    [InlineData("quý", "quý")]
    public void Old_and_new_tone_placement_are_spelled_one_way(string word, string canonical) =>
        Assert.Equal(canonical, VietnameseSpelling.Canonical(word));

    [Theory]
    [InlineData("exact", "Tỉnh Khánh Hòa, năm 2025", "tỉnh|khánh|hoà|năm|2025")]
    [InlineData("folded", "Tỉnh Khánh Hòa, năm 2025", "tinh|khanh|hoa|nam|2025")]
    [InlineData("folded_pairs", "Cán bộ, công chức", "can bo|bo cong|cong chuc")]
    [InlineData("exact", "ກະຊວງພາຍໃນ ແຂວງລຳດົງ", "ກະຊວງ|ພາຍໃນ|ແຂວງ|ລຳ|ດົງ")]
    [InlineData("exact", "กระทรวงวิทยาศาสตร์และเทคโนโลยี", "กระทรวง|วิทยาศาสตร์|และ|เทคโนโลยี")]
    public void Passages_are_indexed_as_ICU_words_lower_cased_folded_and_paired_per_field(string field, string text, string terms)
    {
        using var analyzer = new PassageAnalyzer();

        Assert.Equal(terms.Split('|'), analyzer.Terms(field, text));
    }

    [Theory]
    [InlineData("Tỉnh Khánh Hòa có bao nhiêu xã?", QuestionLanguage.Vietnamese)]
    [InlineData("tinh khanh hoa co bao nhieu xa", QuestionLanguage.Vietnamese)]
    [InlineData("How many communes does Khanh Hoa have?", QuestionLanguage.English)]
    [InlineData("KPI AI", QuestionLanguage.Vietnamese)]
    [InlineData("กระทรวงวิทยาศาสตร์ AI", QuestionLanguage.Thai)]
    [InlineData("ແຂວງລຳດົງ AI", QuestionLanguage.Lao)]
    public void The_language_of_a_question_is_told_by_script_marks_and_function_words(string question, QuestionLanguage language) =>
        Assert.Equal(language, QuestionLanguages.Detect(question));

    [Theory]
    [InlineData("Tỉnh nào có bao nhiêu xã?", "tỉnh|xã")]
    [InlineData("tinh nao co bao nhieu xa", "tinh|co|xa")]
    [InlineData("Ai là Giám đốc Sở?", "giám|đốc|sở")]
    [InlineData("AI giúp công chức như thế nào?", "ai|giúp|công|chức")]
    [InlineData("Có áp dụng KPI không?", "áp|dụng|kpi")]
    [InlineData("đầu tư ở đâu", "đầu|tư")]
    [InlineData("dau tu o dau", "dau|tu")]
    [InlineData("What is the SMART principle?", "smart|principle")]
    [InlineData("ภารกิจกี่ภารกิจ", "ภารกิจ|ภารกิจ")]
    [InlineData("ພະນັກງານຈັກຄົນ", "ພະນັກງານ|ຄົນ")]
    public void Question_words_and_function_words_are_left_out_of_what_a_passage_must_contain(string question, string words)
    {
        var terms = QuestionTerms.From(question);

        Assert.Equal(words.Split('|').Distinct(), terms.Words.Select(w => w.Text));
    }

    [Fact]
    public void A_word_typed_with_marks_must_match_as_written_and_one_without_matches_any_marks()
    {
        var terms = QuestionTerms.From("Thủ đô cua KPI");

        Assert.Equal(
            [new QueryTerm(PassageFields.Exact, "thủ"), new QueryTerm(PassageFields.Exact, "đô"), new QueryTerm(PassageFields.Folded, "cua"), new QueryTerm(PassageFields.Folded, "kpi")],
            terms.Words);
        Assert.Equal(
            [new QueryTerm(PassageFields.ExactPairs, "thủ đô"), new QueryTerm(PassageFields.FoldedPairs, "do cua"), new QueryTerm(PassageFields.FoldedPairs, "cua kpi")],
            terms.Pairs);
    }

    [Fact]
    public void Contact_numbers_in_a_question_are_not_searched_for()
    {
        var terms = QuestionTerms.From("Gọi 0912 345 678 hoặc an.nguyen@khanhhoa.gov.vn, CCCD 066190012345");

        Assert.Equal(["gọi", "cccd"], terms.Words.Select(w => w.Text));
    }
}
