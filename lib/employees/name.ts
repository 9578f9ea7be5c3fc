/** An employee's name for display; EasyFreelance may know only the email (names are optional there). */
export function employeeName(employee: { firstName: string; lastName: string; email: string }): string {
  const name = `${employee.firstName} ${employee.lastName}`.trim();
  return name || employee.email;
}
