import { employeeIdFor, uuidV5 } from './employee-number.identity';

describe('employee ids', () => {
  it('follow RFC 9562 version 5, as other implementations compute it', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('are the same for the same employee number, ignoring surrounding spaces', () =>
    expect(employeeIdFor(' E042 ')).toBe(employeeIdFor('E042')));

  it('differ between employee numbers, including by case', () => {
    expect(employeeIdFor('E042')).not.toBe(employeeIdFor('E043'));
    expect(employeeIdFor('e042')).not.toBe(employeeIdFor('E042'));
  });
});
