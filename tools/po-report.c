/* Placeholder: po-report is being written. */
int main(void) { return 2; }
