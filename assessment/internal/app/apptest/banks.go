package apptest

import (
	"context"
	"sync"

	"lms/assessment/internal/domain/bank"
)

// Banks is an in-memory bank.Repository.
type Banks struct {
	mu   sync.Mutex
	byID map[string]*bank.Bank
}

var _ bank.Repository = (*Banks)(nil)

// NewBanks returns a repository without banks.
func NewBanks() *Banks { return &Banks{byID: map[string]*bank.Bank{}} }

func clone(b *bank.Bank) *bank.Bank {
	return bank.Rehydrate(b.CourseID(), b.Questions(), b.UpdatedAt())
}

// Get implements bank.Repository.
func (r *Banks) Get(_ context.Context, courseID string) (*bank.Bank, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if b, ok := r.byID[courseID]; ok {
		return clone(b), nil
	}
	return bank.New(courseID), nil
}

// Update implements bank.Repository.
func (r *Banks) Update(_ context.Context, courseID string, fn func(*bank.Bank) error) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	b := bank.New(courseID)
	if old, ok := r.byID[courseID]; ok {
		b = clone(old)
	}
	if err := fn(b); err != nil {
		return err
	}
	if b.Changed() {
		r.byID[courseID] = clone(b)
	}
	return nil
}
