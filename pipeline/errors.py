"""Domain errors. Each names what is wrong and what to do; the CLI prints
`Error: <file>: <message>` and exits with the class's code. A batch records the
message against the file and goes on."""


class CchcError(Exception):
    exit_code = 1

    def __init__(self, path, message: str):
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


class UnsupportedFormat(CchcError):
    exit_code = 2


class EmptyDocument(CchcError):
    exit_code = 3


class CorruptFile(CchcError):
    exit_code = 4


class EncryptedFile(CchcError):
    exit_code = 5


class MissingDependency(CchcError):
    exit_code = 6


class UnreadableFile(CchcError):
    exit_code = 7


class InternalError(CchcError):
    exit_code = 70


def unexpected(path, error: Exception) -> InternalError:
    """A failure no rule foresaw, worded for the person running the batch."""
    return InternalError(path, f"could not be processed ({type(error).__name__}: {error}); "
                               "the rest of the batch goes on: please report this file")
