/** The fields of the invite and edit forms for a user (admin pages). */
import { ROLES } from '../../services/users.ts';
import { html, type SafeHtml } from '../../views/html.ts';
import { choiceGroup, facts, textField, type TFieldErrors, type TOption } from '../../views/workspace/components.ts';
import { roleName, type Messages } from '../../views/workspace/messages.ts';

export interface TUserFieldValues {
  email?: string | undefined;
  displayName?: string | undefined;
  role?: string | undefined;
  programmes?: string | string[] | undefined;
}

export function userFields(
  t: Messages,
  v: { withEmail: boolean; values: TUserFieldValues; errors: TFieldErrors; programmes: readonly TOption[]; roleLocked?: boolean },
): SafeHtml {
  const { values, errors } = v;
  const checked =
    values.programmes === undefined ? [] : Array.isArray(values.programmes) ? values.programmes : [values.programmes];
  const roleHints: Record<string, string> = {
    admin: t.roleHintAdmin,
    researcher: t.roleHintResearcher,
    manager: t.roleHintManager,
  };
  return html`${v.withEmail ? textField({ name: 'email', label: t.email, type: 'email', autocomplete: 'off', value: values.email, error: errors.email, maxLength: 320, width: 'medium' }) : ''}
${textField({ name: 'displayName', label: t.displayName, hint: t.displayNameHint, value: values.displayName, error: errors.displayName, maxLength: 120, width: 'medium', required: false, t })}
${
  v.roleLocked
    ? html`<input type="hidden" name="role" value="${values.role ?? ''}">${facts([[t.role, roleName(t, (values.role ?? 'researcher') as 'admin')]])}`
    : choiceGroup({
        name: 'role',
        label: t.role,
        hint: t.roleHint,
        kind: 'radio',
        error: errors.role,
        values: values.role ? [values.role] : [],
        options: ROLES.map((r) => ({ value: r, label: roleName(t, r), hint: roleHints[r] })),
      })
}
${choiceGroup({
  name: 'programmes',
  label: t.programmes,
  hint: t.programmesHint,
  kind: 'checkbox',
  error: errors.programmes,
  values: checked,
  options: v.programmes,
  empty: t.noProgrammesYet,
})}`;
}
