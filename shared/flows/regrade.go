package flows

// RegradeWorkflow is the registered name of the regrade workflow: one per
// regrade of a test, paging through the test's attempts by id until every
// attempt has the fixed question applied once.
const RegradeWorkflow = "lms.regrade.v1"

// RegradeWorkflowID derives the workflow id from the regrade id, so a relayed
// start repeated after a crash never starts a second one.
func RegradeWorkflowID(regradeID string) string { return "regrade-" + regradeID }

// Activities the assessment service runs on TaskQueueAssessment for the
// regrade workflow. Both are idempotent: an attempt records the regrades it
// has applied, so a page repeated after a crash changes nothing twice.
const (
	// ActivityRegradePage applies the regrade to the next page of the test's
	// attempts after a cursor (attempt ids in order).
	ActivityRegradePage = "assessment.RegradePage"
	// ActivityFinishRegrade records the regrade as done with its counts.
	ActivityFinishRegrade = "assessment.FinishRegrade"
)

// RegradeInput starts (and continues) a regrade workflow.
type RegradeInput struct {
	RegradeID string `json:"regrade_id"`
	TestID    string `json:"test_id"`
	// After is the id of the last attempt handled; empty at the start.
	After string `json:"after,omitempty"`
	// Seen and Changed count the attempts handled and changed so far.
	Seen    int `json:"seen,omitempty"`
	Changed int `json:"changed,omitempty"`
	// PageSize is how many attempts one activity handles; zero means
	// DefaultRegradePageSize.
	PageSize int `json:"page_size,omitempty"`
	// PagesBeforeContinue bounds the pages of one run before it continues
	// as new; zero means DefaultRegradePagesBeforeContinue.
	PagesBeforeContinue int `json:"pages_before_continue,omitempty"`
}

// Defaults of RegradeInput.
const (
	DefaultRegradePageSize            = 100
	DefaultRegradePagesBeforeContinue = 50
)

// RegradePageInput is the input of ActivityRegradePage.
type RegradePageInput struct {
	RegradeID string `json:"regrade_id"`
	TestID    string `json:"test_id"`
	After     string `json:"after,omitempty"`
	Limit     int    `json:"limit"`
}

// RegradePageResult is the result of ActivityRegradePage. Changed counts the
// attempts of the page whose score the regrade changed, whether this call or
// an earlier one applied it, so a repeated page counts the same.
type RegradePageResult struct {
	Seen    int    `json:"seen"`
	Changed int    `json:"changed"`
	Last    string `json:"last,omitempty"`
	Done    bool   `json:"done"`
}

// FinishRegradeInput is the input of ActivityFinishRegrade.
type FinishRegradeInput struct {
	RegradeID string `json:"regrade_id"`
	TestID    string `json:"test_id"`
	Seen      int    `json:"seen"`
	Changed   int    `json:"changed"`
}
