package apptest_test

import (
	"testing"

	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/bank"
	"lms/assessment/internal/domain/exam"
)

func TestTestsFake(t *testing.T) {
	t.Parallel()
	apptest.ExamRepositoryContract(t, func(*testing.T) exam.Repository { return apptest.NewTests() })
}

func TestAttemptsFake(t *testing.T) {
	t.Parallel()
	apptest.AttemptRepositoryContract(t, func(*testing.T) (attempt.Repository, exam.Repository) {
		return apptest.NewAttempts(), apptest.NewTests()
	})
}

func TestRosterFake(t *testing.T) {
	t.Parallel()
	apptest.RosterContract(t, func(*testing.T) apptest.RosterPorts { return apptest.NewRoster() })
}

func TestBanksFake(t *testing.T) {
	t.Parallel()
	apptest.BankRepositoryContract(t, func(*testing.T) bank.Repository { return apptest.NewBanks() })
}
