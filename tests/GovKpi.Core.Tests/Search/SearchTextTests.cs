using GovKpi.Core.Search;

namespace GovKpi.Core.Tests.Search;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("nguyen van", "Nguyễn Văn Hải")]
    [InlineData("NGUYEN", "Nguyễn Văn Hải")]
    [InlineData("dang thu", "Đặng Thu Trang")]
    [InlineData("hai ngu", "Nguyễn Văn Hải")]
    [InlineData("Nguyễn", "Nguyễn Văn Hải")]
    [InlineData("ninh hoa", "Xã Ninh Hòa Mới")]
    public void Typed_words_without_case_or_diacritics_find_the_start_of_words_in_any_order(string typed, string text) =>
        Assert.True(SearchText.Of(typed).Matches(text));

    [Theory]
    [InlineData("van hai nguyen x", "Nguyễn Văn Hải")]
    [InlineData("guyen", "Nguyễn Văn Hải")]
    [InlineData("đang", "Nguyễn Văn Hải")]
    public void A_word_that_starts_no_word_of_the_text_does_not_match(string typed, string text) =>
        Assert.False(SearchText.Of(typed).Matches(text));

    [Fact]
    public void A_code_is_found_from_its_first_part_and_whole()
    {
        Assert.True(SearchText.Of("c1").Matches("Trung tâm", "C1-TT"));
        Assert.True(SearchText.Of("C1-TT").Matches("Trung tâm", "C1-TT"));
        Assert.True(SearchText.Of("2.000815").Matches("Chứng thực bản sao", "2.000815"));
    }

    [Fact]
    public void Nothing_typed_but_punctuation_matches_nothing() => Assert.False(SearchText.Of(" - . ").Matches("Nguyễn Văn Hải"));

    [Fact]
    public void Folding_removes_tone_marks_and_reads_d_with_stroke_as_d() => Assert.Equal("dang thi hoa", SearchText.Fold("Đặng Thị Hòa"));
}
