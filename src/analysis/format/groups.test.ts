import { describe, expect, it } from 'vitest';
import { columnWords, customersIn, reasonWords, yesNo, yesNoColumns } from './groups';

describe('customersIn: a level of a column in words', () => {
  it('splits column names into words, keeping acronyms', () => {
    expect(columnWords('PaymentMethod')).toBe('payment method');
    expect(columnWords('is_active_member')).toBe('is active member');
    expect(columnWords('CLVBand')).toBe('CLV band');
    expect(columnWords('tenure')).toBe('tenure');
  });
  it('says what a customer is on, with or without, or is', () => {
    expect(customersIn('Contract', 'Month-to-month')).toBe('customers on month-to-month contracts');
    expect(customersIn('Contract', 'Two year')).toBe('customers on two year contracts');
    expect(customersIn('plan', 'Monthly plan')).toBe('customers on monthly plans');
    expect(customersIn('OnlineSecurity', 'No')).toBe('customers without online security');
    expect(customersIn('PhoneService', 'Yes')).toBe('customers with phone service');
    expect(customersIn('OnlineBackup', 'No internet service')).toBe('customers with no internet service');
    expect(customersIn('SeniorCitizen', '1')).toBe('customers who are senior citizens');
    expect(customersIn('SeniorCitizen', 'No')).toBe('customers who are not senior citizens');
    expect(customersIn('IsActiveMember', '0')).toBe('customers who are not active members');
    expect(customersIn('HasCrCard', 'true')).toBe('customers who have cr card');
    expect(customersIn('PaymentMethod', 'Electronic check')).toBe('customers whose payment method is Electronic check');
  });
  it('keeps cell text as it is (no markup is added or removed)', () => {
    expect(customersIn('Region', '<b>North</b>')).toBe('customers whose region is <b>North</b>');
    expect(yesNo(' Yes ')).toBe(true);
    expect(yesNo('maybe')).toBe(null);
  });
});

describe('reasonWords: a churn reason about one customer', () => {
  const yn = yesNoColumns([{ name: 'SeniorCitizen', type: 'boolean' }, { name: 'HasCrCard', values: [{ value: '1' }, { value: '0' }] }, { name: 'tenure', values: [{ value: '1' }, { value: '5' }] }]);
  it('says yes or no for a yes/no column, "is low/high" for a number, "is <level>" for a category', () => {
    expect([...yn]).toEqual(['SeniorCitizen', 'HasCrCard']);
    expect(reasonWords('SeniorCitizen (high)', yn)).toBe('SeniorCitizen: yes');
    expect(reasonWords('HasCrCard (low)', yn)).toBe('HasCrCard: no');
    expect(reasonWords('tenure (low)', yn)).toBe('tenure is low');
    expect(reasonWords('Partner=No', yn)).toBe('Partner: no');
    expect(reasonWords('Contract=Month-to-month', yn)).toBe('Contract is Month-to-month');
    expect(reasonWords('tenure < 12 months')).toBe('tenure < 12 months');
  });
});
