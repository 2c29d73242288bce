import { expect, type Locator, type Page } from '@playwright/test';

/** The review dialog a data-changing button opened (its title), once it has worked out the plan. */
export async function reviewDialog(page: Page, title: string | RegExp): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('review')).not.toContainText('Working out what would change');
  return dialog;
}

/** Confirms the review with its button (local: the action; staging and production name the database) and waits for it to close. */
export async function confirmReview(page: Page, title: string | RegExp, button: string | RegExp): Promise<void> {
  const dialog = await reviewDialog(page, title);
  await dialog.getByRole('button', { name: button, exact: typeof button === 'string' }).click();
  await expect(dialog).toBeHidden();
}

/** The review's steps, as their text, in the order shown. */
export async function reviewSteps(dialog: Locator, testId = 'review-step'): Promise<string[]> {
  return dialog.getByTestId(testId).allInnerTexts();
}
