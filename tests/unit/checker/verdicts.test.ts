import { describe, expect, it } from 'vitest';
import { checkReply } from '../../../utils/checker/index';
import { DEFAULT_PLAYBOOKS } from '../../../utils/playbook/library';
import type { TicketContext } from '../../../utils/ticket';
import { stem } from '../../../utils/words/stem';
import { htmlToText } from '../../corpus/html-to-text';
import { ownWords } from './helpers';

const ticket: TicketContext = {
  helpdesk: 'zendesk',
  ticketId: '1',
  subject: 'Blender stopped working',
  tags: [],
  requester: { name: 'Maria Garcia' },
  customerMessage: 'My blender stopped working after a week. I want my money back.',
};
const refund = DEFAULT_PLAYBOOKS.find((playbook) => playbook.id === 'refund');
if (!refund) throw new Error('no refund playbook');
const status = (text: string, step: string, t: TicketContext = ticket) =>
  checkReply(text, t, refund).steps.find((s) => s.stepId === step)?.status;

describe('verdicts on replies written without the checker in mind', () => {
  it.each([
    [
      'a sign-off line then an undelimited signature block',
      'Hi Maria,\n\nAll sorted for you today.\n\nWarm regards,\nIsak\n\nIsak Berg\nCustomer Support · Lera Home\nlerahome.example | +46 8 555 010 20\nOpen until 6pm',
      'All sorted for you today.',
    ],
    [
      'a German quote header',
      'Hi Maria,\n\nAll sorted for you now.\n\nAm 10.03.2025 um 18:47 schrieb Maria <m@example.de>:\n> Hallo',
      'All sorted for you now.',
    ],
    [
      'a French quote header',
      'Hi Maria,\n\nAll sorted for you now.\n\nLe lun. 10 mars 2025 à 18:47, Maria <m@example.fr> a écrit :\n> Bonjour',
      'All sorted for you now.',
    ],
    [
      'an Outlook header in German',
      'Hi Maria,\n\nAll sorted for you now.\n\nVon: Maria <m@example.de>\nGesendet: Montag\n> Hallo',
      'All sorted for you now.',
    ],
  ])('leaves out %s', (_, text, kept) => {
    expect(ownWords(text)).toContain(kept);
    expect(ownWords(text)).not.toMatch(/Lera Home|schrieb|a écrit|Gesendet|6pm/);
  });

  it('keeps a rich editor link target and treats a signature container as the signature', () => {
    const text = htmlToText(
      '<p>Track it <a href="https://carrier.example/t/1">here</a>.</p><p>Best,<br>Jo</p><div class="gorgias-signature"><a href="https://shop.example">shop</a></div>',
    );
    expect(text).toContain('here (https://carrier.example/t/1)');
    expect(ownWords(text)).not.toContain('shop.example');
  });

  it.each([
    ['<div class="signature">Kind regards,<br>Maya Lindqvist<br>Support</div>', 'Kind regards,\n--\nMaya'],
    ['<div class="signature"><p>Warm regards,<br>Owen Price</p></div>', 'Warm regards,\n--\nOwen'],
    // A long first line is the signature's own text, not a sign-off.
    [
      '<div class="signature">Acme Support, Berlin, Hamburg and Munich,<br>Maya</div>',
      '--\nAcme Support, Berlin',
    ],
  ])('keeps a sign-off written inside a signature container in the reply: %s', (html, expected) => {
    expect(htmlToText(`<p>Your refund is on its way.</p>${html}`)).toContain(expected);
  });

  it.each([
    ['stopped', 'stop'],
    ['working', 'work'],
    ['parcels', 'parcel'],
    ['arrived', 'arriv'],
    ['arrive', 'arriv'],
    ['monthly', 'month'],
    ['month', 'month'],
  ])('stems %s as %s', (word, expected) => expect(stem(word)).toBe(expected));

  it.each([
    [
      'an amount and a word the customer quoted',
      'why did you take 240 dollars from me today??',
      'The 240 dollars we took today are your annual renewal.',
      'pass',
    ],
    [
      'one word of the message alone',
      'dashboard is just a white screen. is something down?',
      'Some customers see a blank dashboard right now.',
      'fail',
    ],
    [
      'nothing of the message',
      'dashboard is just a white screen. is something down?',
      'Our engineers are on it.',
      'fail',
    ],
  ] as const)(
    'acknowledges by restating what the customer quoted: %s',
    (_, customerMessage, body, expected) => {
      const chat = { ...ticket, subject: 'Conversation with Maria', customerMessage };
      expect(status(`Hi Maria! ${body}\n\nAlex`, 'acknowledge', chat)).toBe(expected);
    },
  );

  it('counts an apology the when-keywords did not foresee as done, not as not applicable', () => {
    const calm = {
      ...ticket,
      subject: 'Refund',
      customerMessage: 'The colour is not for me, can I have my money back?',
    };
    expect(status('Hi Maria,\n\nThanks for asking.\n\nBest,\nAlex', 'apologise', calm)).toBe('na');
    expect(status("Hi Maria,\n\nI'm sorry it wasn't right for you.\n\nBest,\nAlex", 'apologise', calm)).toBe(
      'pass',
    );
  });
});
