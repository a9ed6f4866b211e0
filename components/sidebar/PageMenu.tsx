import { useState } from 'preact/hooks';
import type { TicketField } from '@/utils/adapters/types';
import { t } from '@/utils/i18n';
import { UNREAD_MESSAGE } from '@/utils/sidebar/health';
import { copyText, formatPageReport } from '@/utils/sidebar/page-report';
import type { SidebarSession } from '@/utils/sidebar/session';

/**
 * The sidebar's menu: "Copy page report" copies, for whoever maintains Keel's adapters and the
 * team's playbooks, which selectors matched how many elements here (never any text of the page).
 */
export function PageMenu({ session }: { session: SidebarSession }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async (event: Event) => {
    const button = event.currentTarget as HTMLElement;
    const report = formatPageReport(session.pageReport());
    const root = button.getRootNode();
    setCopied(await copyText(report, button.ownerDocument, root instanceof ShadowRoot ? root : button));
    button.closest('details')?.removeAttribute('open');
  };
  return (
    <details class="menu" data-testid="sidebar-menu">
      <summary class="icon-button" aria-label={t('menuLabel')} title={t('menuLabel')}>
        <span aria-hidden="true">⋯</span>
      </summary>
      <div class="menu__items">
        <button
          type="button"
          class="button button--quiet"
          data-testid="copy-page-report"
          title={t('pageReportHint')}
          onClick={(event) => void copy(event)}
        >
          {t('copyPageReport')}
        </button>
      </div>
      {copied !== null && (
        <span class="visually-hidden" role="status" data-testid="page-report-status" data-copied={copied}>
          {copied ? t('pageReportCopied') : t('pageReportNotCopied')}
        </span>
      )}
    </details>
  );
}

/** "On this page Keel couldn't read the customer's name": fields the adapter did not find. */
export function PageHealth({ unread }: { unread: readonly TicketField[] | undefined }) {
  if (!unread || unread.length === 0) return null;
  const what = unread.map((field) => t(UNREAD_MESSAGE[field])).join(', ');
  return (
    <p class="notice" role="status" data-testid="page-health" data-unread={unread.join(' ')}>
      {t('pageHealth', what)}
    </p>
  );
}
