/**
 * The homebrew entry points and form: "New <kind>", "Edit" and "Delete" next to the detail view,
 * and the form's fields found by their labels. Locators by role and accessible name only.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { BrowseKind } from '../../src-renderer/src/app/route';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A field's accessible name: its label, and "(required)" where the schema requires it. */
const fieldName = (label: string): RegExp => new RegExp(`^${escapeRegExp(label)}( \\(required\\))?$`);

export class RowActions {
  readonly group: Locator;
  constructor(
    readonly page: Page,
    readonly one: string,
  ) {
    this.group = page.getByRole('group', { name: /^Homebrew / });
  }

  newButton(): Locator {
    return this.group.getByRole('button', { name: `New ${this.one}` });
  }

  edit(name: string): Locator {
    return this.group.getByRole('button', { name: `Edit ${name}` });
  }

  delete(name: string): Locator {
    return this.group.getByRole('button', { name: `Delete ${name}` });
  }

  /** Deletes `name` through the confirmation. */
  async confirmDelete(name: string): Promise<void> {
    await this.delete(name).click();
    const dialog = this.group.getByRole('alertdialog');
    await expect(dialog).toContainText(`Delete the ${this.one} ${name}?`);
    await dialog.getByRole('button', { name: `Yes, delete ${name}` }).click();
  }

  /** The refusal (or other failure) of the last delete. */
  alert(): Locator {
    return this.group.getByRole('alert');
  }

  /** What the last successful delete says ("Deleted Fireball."). */
  deleted(): Locator {
    return this.group.getByText(/^Deleted .*\.$/);
  }
}

export class HomebrewForm {
  readonly region: Locator;
  /** The form's summary of what stops it from saving. */
  readonly summary: Locator;

  constructor(
    readonly page: Page,
    readonly kind: BrowseKind,
    readonly one: string,
  ) {
    this.region = page.getByRole('region', { name: new RegExp(`^(New|Edit) ${escapeRegExp(one)}`) });
    this.summary = this.region.getByText(/^Not saved: /);
  }

  async ready(): Promise<this> {
    await expect(this.region.getByRole('button', { name: /^(Create|Save changes)/ })).toBeVisible();
    return this;
  }

  /** The control of the field labelled `label` (text box, select, checkbox). */
  field(label: string): Locator {
    return this.region.getByLabel(fieldName(label));
  }

  async fill(label: string, value: string): Promise<void> {
    await this.field(label).fill(value);
  }

  async choose(label: string, option: string | { label: string }): Promise<void> {
    await this.field(label).selectOption(option);
  }

  /**
   * Chooses a row in the reference picker labelled `label`: types `search` into its combobox and
   * clicks the option named `option` (its listbox holds what the database found).
   */
  async pick(label: string, search: string, option: string | RegExp): Promise<void> {
    const box = this.field(label);
    await box.fill(search);
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    await this.options(label).getByRole('option', { name: option, exact: typeof option === 'string' }).click();
    await expect(box).toHaveAttribute('aria-expanded', 'false');
  }

  /** The listbox a reference picker's combobox controls. */
  options(label: string): Locator {
    return this.region.getByRole('listbox', { name: `${label}: matches` });
  }

  async check(label: string, checked = true): Promise<void> {
    await this.field(label).setChecked(checked);
  }

  createButton(): Locator {
    return this.region.getByRole('button', { name: `Create ${this.one}` });
  }

  saveButton(): Locator {
    return this.region.getByRole('button', { name: 'Save changes' });
  }

  /** Expects the field to be marked invalid with an error (its accessible description) matching `message`. */
  async expectError(label: string, message: string | RegExp): Promise<void> {
    await expect(this.field(label)).toHaveAttribute('aria-invalid', 'true');
    await expect(this.field(label)).toHaveAccessibleDescription(typeof message === 'string' ? new RegExp(escapeRegExp(message)) : message);
  }

  async expectValid(label: string): Promise<void> {
    await expect(this.field(label)).toHaveAttribute('aria-invalid', 'false');
  }

  /** The live preview of a rules-text field. */
  preview(label: string): Locator {
    return this.region.getByRole('region', { name: `Preview of ${label}` });
  }

  importedNote(): Locator {
    return this.region.getByText(/was imported from 5etools data/);
  }
}
