namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>
/// Where an evaluation cycle of one unit stands. The order is the workflow of Decree 335/2025:
/// self-assessment, colleagues' 360° feedback, the direct manager's rating, the collective review
/// of the unit, calibration (the HTXS quota), the head's approval, publication in the unit with
/// its appeal window, and the final, locked result.
/// </summary>
public enum CycleStage
{
    /// <summary>Each person proposes their own points and writes their self-assessment.</summary>
    SelfAssessment,
    /// <summary>Colleagues of the unit give anonymous 360° feedback.</summary>
    Feedback360,
    /// <summary>The direct manager rates general criteria and task results.</summary>
    ManagerRating,
    /// <summary>The unit meets (tập thể đánh giá); ratings may still be adjusted, with a reason.</summary>
    CollectiveReview,
    /// <summary>HR applies the HTXS quota per agency and group.</summary>
    Calibration,
    /// <summary>Waiting for the head of the unit to approve the results.</summary>
    HeadApproval,
    /// <summary>Approved, waiting to be published in the unit.</summary>
    Approved,
    /// <summary>Published in the unit; the person may appeal until the appeal deadline.</summary>
    Published,
    /// <summary>Final: nothing changes any more.</summary>
    Locked,
}

/// <summary>The length of an evaluation period: Decree 335 assesses task results monthly or quarterly and classifies yearly.</summary>
public enum PeriodKind
{
    Month,
    Quarter,
    Year,
}

/// <summary>Where the published result of one person stands.</summary>
public enum ResultState
{
    /// <summary>Not published yet: ratings change freely in the rating stages.</summary>
    Draft,
    /// <summary>Published: the result changes only after an upheld appeal.</summary>
    Published,
    /// <summary>An appeal was upheld: the person may be rated again and the result published as a new version.</summary>
    Reopened,
}

public enum AppealStatus
{
    Pending,
    Upheld,
    Rejected,
}

/// <summary>What someone does to one person's evaluation.</summary>
public enum EvaluationAction
{
    /// <summary>The person proposes their own points and writes their self-assessment.</summary>
    SelfAssess,
    /// <summary>A colleague answers the 360° questionnaire about the person.</summary>
    GiveFeedback,
    /// <summary>The manager sets general criteria points, task result points and forced KHT.</summary>
    Rate,
    /// <summary>The person appeals the published result.</summary>
    Appeal,
    /// <summary>Upholds or rejects an appeal.</summary>
    DecideAppeal,
    /// <summary>Publishes a new version of a result reopened by an upheld appeal.</summary>
    Republish,
    /// <summary>Writes in the comment thread of an item (the person and their manager).</summary>
    Comment,
    /// <summary>Asks staff of any unit of the province to give 360° feedback on the person (the unit's manager or HR).</summary>
    AskRespondents,
}
