import type { CheckDraft } from './draft';
import { Field, LinesField, parseNumberInput, TextField } from './fields';

const VARIABLES = ['customer.firstName', 'customer.name', 'ticket.id', 'order.number', 'agent.firstName'];

/** The fields of a step's check that its kind has: phrases, words, hosts, a variable, a length. */
export function CheckFields(props: {
  check: CheckDraft;
  err: (path: string) => string | undefined;
  onCheck: (check: CheckDraft) => void;
}) {
  const { check, err, onCheck } = props;
  switch (check.kind) {
    case 'greeting':
    case 'closing':
      return (
        <>
          {check.kind === 'greeting' && (
            <div class="field checkbox">
              <label>
                <input
                  type="checkbox"
                  checked={check.useName ?? false}
                  onChange={(e) => onCheck({ ...check, useName: e.currentTarget.checked })}
                />{' '}
                Must use the customer’s name
              </label>
            </div>
          )}
          <LinesField
            label={check.kind === 'greeting' ? 'Greeting words' : 'Sign-off words'}
            error={err('words')}
            hint="One per line; empty uses Keel’s list."
            value={check.words ?? []}
            onChange={(words) => onCheck({ ...check, words: words.length ? words : undefined })}
          />
        </>
      );
    case 'phrase':
      return (
        <>
          <Field label="Where" error={err('where')}>
            {(id, describedBy) => (
              <select
                id={id}
                aria-describedby={describedBy}
                value={check.where ?? 'anywhere'}
                onChange={(e) =>
                  onCheck({ ...check, where: e.currentTarget.value as 'opening' | 'closing' | 'anywhere' })
                }
              >
                <option value="anywhere">Anywhere in the reply</option>
                <option value="opening">In the opening</option>
                <option value="closing">In the closing</option>
              </select>
            )}
          </Field>
          <LinesField
            label="Any of these phrases"
            error={err('any')}
            hint="One per line. Words, not patterns: “apologi*” matches a prefix."
            value={check.any}
            onChange={(any) => onCheck({ ...check, any })}
          />
        </>
      );
    case 'forbid':
      return (
        <LinesField
          label="None of these phrases"
          error={err('any')}
          hint="One per line. Negated uses (“we can’t guarantee”) are allowed."
          value={check.any}
          onChange={(any) => onCheck({ ...check, any })}
        />
      );
    case 'mention':
      return (
        <Field
          label="Ticket variable"
          error={err('variable')}
          hint="e.g. customer.firstName, ticket.id, order.number"
        >
          {(id, describedBy) => (
            <>
              <input
                id={id}
                aria-describedby={describedBy}
                list={`${id}-variables`}
                value={check.variable}
                onInput={(e) => onCheck({ ...check, variable: e.currentTarget.value })}
              />
              <datalist id={`${id}-variables`}>
                {VARIABLES.map((variable) => (
                  <option key={variable} value={variable} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      );
    case 'link':
      return (
        <LinesField
          label="Only links to these hosts"
          error={err('hosts')}
          hint="One per line; empty accepts any link."
          value={check.hosts ?? []}
          onChange={(hosts) => onCheck({ ...check, hosts: hosts.length ? hosts : undefined })}
        />
      );
    case 'length':
      return (
        <>
          {(
            [
              ['min', 'At least (words)', err('min') ?? err('')],
              ['max', 'At most (words)', err('max')],
            ] as const
          ).map(([bound, label, error]) => (
            <TextField
              key={bound}
              label={label}
              error={error}
              type="number"
              min={0}
              step={1}
              value={check[bound] ?? ''}
              onInput={(text) => onCheck({ ...check, [bound]: parseNumberInput(text) })}
            />
          ))}
        </>
      );
    case 'expectation':
      return (
        <p class="muted field-wide">
          Passes when the reply commits to a time: “within 2 business days”, “by Friday”, a date.
        </p>
      );
    case 'placeholders':
      return <p class="muted field-wide">Fails while the reply still has {'{{…}}'}, [NAME] or XXX in it.</p>;
  }
}
