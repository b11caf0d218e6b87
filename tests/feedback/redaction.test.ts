import { describe, expect, it } from 'vitest';
import { redactCustomerData } from '../../src/domain/feedback/privacy';

describe('redactCustomerData', () => {
  const jane = { key: 'email:jane@acme.example', name: 'Jane Roe', company: 'Acme Corp', email: 'jane@acme.example' };

  it('takes out e-mails, phone numbers, Slack mentions and ids, and the customer by name, company or part of the name', () => {
    const out = redactCustomerData(
      'Hi, Jane Roe (ACME CORP) here, <@U0CUST0001|jane> / W0123ABCD9, call +49 (170) 123-4567 or jane@acme.example. Roe says hi.',
      jane,
    );
    expect(out).toBe(
      'Hi, [customer removed] ([customer removed]) here, [person removed] / [person removed], call [number removed] or [e-mail removed]. [customer removed] says hi.',
    );
  });

  it('leaves ordinary words, other companies and numbers that are no phone numbers alone', () => {
    const text = 'Export of 1200 rows fails in Acmeville since v2.3.1; UNDEFINED shown. The roe deer icon is fine.';
    expect(redactCustomerData(text, jane)).toBe(text);
  });

  it('treats names as text, not as patterns', () => {
    expect(redactCustomerData('Ask A.B. (Ltd)+ today, not AxB', { company: 'A.B. (Ltd)+' })).toBe(
      'Ask [customer removed] today, not AxB',
    );
  });
});
