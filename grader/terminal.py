"""What the grader prints to a person's terminal: student text (a folder's name, an error
message) is shown with its control characters escaped, so it cannot move the cursor, clear the
screen, recolour the table or forge a line of its own."""


def printable(text):
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in str(text))
